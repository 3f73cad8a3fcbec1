/** What the core knows of a manuscript: its prose, its sentences and its citations, as offsets into the text. */

import type { CitedIdentifier } from './identifiers';
import type { AnalysisStop } from './limits';

export type { CitedIdentifier, IdentifierScheme } from './identifiers';
export type { AnalysisBudget, AnalysisStop, BudgetLimit } from './limits';

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
  | 'absurd-range'
  /** `[@doi:10.1038]`, `[@pmid:12a]`: an identifier whose syntax is wrong for its scheme (see entry.identifier.problem). */
  | 'malformed-identifier';

export interface CitationEntry extends Span {
  /** The entry's text as written: "13", "11-18", "11–18", "caseiro2019". */
  text: string;
  /** `identifier`: a persistent identifier written as the key (`@doi:10.1/x`, `@tag:name`); it is never in `Citation.keys`. */
  kind: 'number' | 'range' | 'key' | 'identifier' | 'empty';
  /** For numbers and ranges: the first and last number as written (may be reversed or huge). */
  from?: number;
  to?: number;
  /** For keys: the key without `@`. */
  key?: string;
  /** For identifiers: the scheme, the value and whether its syntax is right. `key` holds the whole `doi:…` text. */
  identifier?: CitedIdentifier;
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
  /** Keys this citation stands for (LaTeX and Pandoc); persistent identifiers (`@doi:…`) are entries but never keys. */
  keys: string[];
  /** LaTeX multi-cite commands (`\cites{a}[see][]{b}`): the inside of each key group, in order. */
  keyGroups?: Span[];
  /** Entries past the MAX_ENTRIES_PER_CITATION this citation keeps (limits.ts): counted, not read. */
  omittedEntries?: number;
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
  /** Markdown: Manubot key definitions (`[@tag:name]: doi:10.1/x` lines, front-matter `citekey-aliases`), by the key as cited ("tag:name"); the first definition of a key wins. */
  tagDefinitions?: Map<string, TagDefinition>;
  /** The manuscript's own reference list, when it has one with entries (numbered Markdown list, `\bibitem`s). */
  referenceList?: ManuscriptReferenceList;
  /** LaTeX: the bibliography files it names (`\bibliography{a,b}` gives two), in document order. */
  bibliographyCommands?: BibliographyCommand[];
  /** LaTeX: the files it includes (`\input`, `\include`, `\subfile`) and its `% !TEX root` magic comment. */
  includes?: IncludedFile[];
  /**
   * Where the analysis stopped because the document went past its budget (limits.ts): no prose, citation or sentence
   * is read from there on. Absent for every real manuscript.
   */
  readonly analysisStop?: AnalysisStop;
  /** Where the manuscript's own reference list starts (a "References"/"Bibliography" heading, or \begin{thebibliography}); prose ends there. */
  referenceListStart?: number;
}

export interface TagDefinition {
  /** What the tag stands for, as written after `]:` ("doi:10.1101/gr.634603", "url:https://…"). */
  target: string;
  /** The target read as an identifier, when it is one. */
  identifier?: CitedIdentifier;
  /** The whole definition line (without its line break). */
  span: Span;
}

export interface ReferenceListEntry extends Span {
  /** The entry's number: as written for numbered lists, by order (from 1) for `\bibitem`. */
  number: number;
  /** For `\bibitem[label]{key}`: its key (and label). */
  key?: string;
  label?: string;
  /** 0-based line of the entry's first character. */
  line: number;
  /** The entry's text without its number or `\bibitem{…}` marker, line breaks kept. */
  text: string;
  /** Span of `text` in the document. */
  textSpan: Span;
}

export interface ManuscriptReferenceList {
  /** Markdown and plain text: where the References heading starts (= Manuscript.referenceListStart); LaTeX: where `\begin{thebibliography}` starts, which may come after a `\section{References}`. */
  start: number;
  entries: ReferenceListEntry[];
}

export interface BibliographyCommand {
  /** "bibliography", "addbibresource", "addglobalbib" or "addsectionbib". */
  command: string;
  /** One file name as written, trimmed ("refs", "refs.bib", "../common/lib.bib"). */
  name: string;
  /** Span of the name in the document. */
  span: Span;
}

export interface IncludedFile {
  /** "input", "include", "subfile", or "root" for a `% !TEX root = main.tex` magic comment. */
  command: 'input' | 'include' | 'subfile' | 'root';
  /** The path as written, trimmed. */
  path: string;
  /** Span of the path in the document. */
  span: Span;
}
