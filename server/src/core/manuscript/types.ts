/** What the core knows of a manuscript: its prose, its sentences and its citations, as offsets into the text. */

export type ManuscriptLanguage = 'markdown' | 'latex' | 'plaintext';

/** A half-open range of offsets [start, end) into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** Why a sentence is not an ordinary prose sentence; linting treats these as not-a-claim. */
export type SentenceKind = 'prose' | 'heading' | 'caption' | 'list-item';

export interface Sentence extends Span {
  /** The sentence's text with markup kept (slice of the document). */
  text: string;
  kind: SentenceKind;
  /** Index of the paragraph (block) the sentence belongs to, counting from 0 in document order. */
  paragraph: number;
}

export type CitationSyntax = 'numeric' | 'latex' | 'pandoc';

export type CitationProblem =
  /** `[18-11]` */
  | 'reversed-range'
  /** `[40-]` or `[-3]` */
  | 'dangling-range'
  /** `[]`, `[13, ]`, `\cite{}` */
  | 'empty'
  /** `[13, 13]` or an entry already covered by a range in the same citation */
  | 'duplicate'
  /** A range too long to expand (e.g. `[1-99999999]`); expanded to nothing. */
  | 'absurd-range';

export interface CitationEntry extends Span {
  /** The entry's text as written: "13", "11-18", "11–18", "caseiro2019". */
  text: string;
  kind: 'number' | 'range' | 'key' | 'empty';
  /** For numbers and ranges: the first and last number as written (may be reversed or huge). */
  from?: number;
  to?: number;
  /** For keys: the key without `@`. */
  key?: string;
  problem?: CitationProblem;
}

export interface Citation extends Span {
  syntax: CitationSyntax;
  /** For LaTeX: the command name without backslash ("cite", "citep", "autocite"…). */
  command?: string;
  /** Span of the inside of the brackets or braces (between the delimiters). */
  inner: Span;
  entries: CitationEntry[];
  /** Reference numbers this citation stands for, ranges expanded, deduplicated, in written order. Absurd ranges expand to nothing. */
  numbers: number[];
  /** Keys this citation stands for (LaTeX and Pandoc). */
  keys: string[];
}

export interface Manuscript {
  text: string;
  language: ManuscriptLanguage;
  /** Spans of prose in document order: everything the writer wrote as text, not markup, code, math, comments, front matter, URLs or the reference list. */
  prose: Span[];
  /** Paragraph spans (blocks of prose separated by blank lines or block boundaries), in order. */
  paragraphs: Span[];
  sentences: Sentence[];
  citations: Citation[];
  /** Where the manuscript's own reference list starts (a "References"/"Bibliography" heading, or \begin{thebibliography}); prose ends there. */
  referenceListStart?: number;
}
