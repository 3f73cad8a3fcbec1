/**
 * The one reference model. Every source of references (the bundled review, each bibliography file, the manuscript's
 * own numbered reference list, persistent identifiers such as DOIs) lowers into these types, so completion, hover,
 * the picker and the rules never need to know where a reference came from.
 */

/** Where references come from. */
export type SourceKind =
  /** The bundled review (data/review.json): its 54 references carry the review's evidence. */
  | 'review'
  /** A bibliography file the manuscript uses: BibTeX, BibLaTeX, CSL-JSON or CSL-YAML. */
  | 'bibliography'
  /** The manuscript's own numbered reference list (Markdown list under a References heading, `\bibitem`). */
  | 'manuscript-list'
  /** A persistent identifier written as the citation itself (`[@doi:10.1/x]`, `@pmid:123`, a defined `@tag:`). */
  | 'identifier';

export interface ReferenceSource {
  kind: SourceKind;
  /** Stable identity of the source: "review", a bibliography's URI, a manuscript's URI. */
  id: string;
  /** How messages name it: "the review", "refs.bib", "the manuscript's reference list". */
  label: string;
}

/** A CSL name: a person with family and given names, or an institution written as one literal. */
export interface CslName {
  family?: string;
  given?: string;
  /** Particles such as "van", "de" as CSL keeps them. */
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/** A CSL date: `date-parts` [[year, month?, day?]], or a literal/raw text when it cannot be read into parts. */
export interface CslDate {
  'date-parts'?: number[][];
  literal?: string;
  raw?: string;
}

/**
 * The CSL-shaped fields the product reads. Text is Unicode (LaTeX accents and commands already decoded, `{{…}}`
 * protection removed); absent fields are absent, never empty strings.
 */
export interface CslItem {
  /** The citation key or CSL id ("caseiro2019", "smith2021"). */
  id: string;
  /** CSL type: "article-journal", "book", "chapter", "paper-conference", "thesis", "report", "webpage"… */
  type?: string;
  author?: CslName[];
  /**
   * The source's author list ended in "et al." (the review's printed list, a BibTeX "and others"): the paper has
   * more authors than `author` names. Not a CSL variable; the CSL formatter writes "et al." for it.
   */
  moreAuthors?: boolean;
  editor?: CslName[];
  issued?: CslDate;
  title?: string;
  'container-title'?: string;
  volume?: string;
  issue?: string;
  /** A report's, patent's or standard's number (an article's number is its issue). */
  number?: string;
  page?: string;
  publisher?: string;
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  ISBN?: string;
  URL?: string;
  /** The abstract's opening words (BibTeX keeps about 60, what the search reads), not the whole text. */
  abstract?: string;
  /** Keywords as CSL writes them: one string, comma-separated. */
  keyword?: string;
  note?: string;
}

/** Where in a file something is defined or went wrong: 0-based line and character, as LSP counts them. */
export interface SourceLocation {
  /** The URI of the file (a bibliography, or the manuscript holding the reference list). */
  uri: string;
  line: number;
  character: number;
}

/** One reference: its identity (source plus key or number), its fields, and where it is defined. */
export interface Reference {
  source: ReferenceSource;
  /** The key a citation uses (`\cite{key}`, `[@key]`); for a numbered list entry, its number as text. */
  key: string;
  /** For numbered sources (the review, a manuscript's own list): the number `[n]` cites. */
  number?: number;
  item: CslItem;
  /** Where the entry is written; absent for the bundled review, whose entries are shown as a virtual document. */
  location?: SourceLocation;
  /**
   * The review reference (1..54) this is the same paper as (same DOI, or same normalised title, first author and
   * year), so the review's evidence applies to it. The review's own references link to themselves.
   */
  reviewNumber?: number;
}

export type ProblemSeverity = 'error' | 'warning' | 'information';

/** Something wrong in a source file (a bad entry, a duplicate key), reported at its place; the rest still loads. */
export interface SourceProblem {
  location: SourceLocation;
  severity: ProblemSeverity;
  /** Stable code, e.g. "bad-entry", "duplicate-key", "unused-entry", "too-many-entries". */
  code: string;
  message: string;
}

/** What reading one source file yields: every entry that could be read, and one problem per entry that could not. */
export interface SourceReading {
  references: Reference[];
  problems: SourceProblem[];
}
