/**
 * The shape every lint rule shares. A rule reads one paragraph at a time and returns plain findings (offsets and
 * words); features/diagnostics.ts alone decides severity and turns findings into LSP diagnostics.
 */
import type { SentenceAnalysis } from '../claims/analysis';
import type { CitationSensitivity, RuleSeverity } from '../config';
import type { Dataset } from '../dataset';
import type { DocumentReferences } from '../knowledge';
import type { Citation, ManuscriptLanguage, Span } from '../manuscript/types';
import type { ProjectContext } from '../project/model';

export type RuleCode =
  | 'unsupported-claim'
  | 'unknown-citation'
  | 'duplicate-key'
  | 'malformed-citation'
  | 'contradicted-claim'
  | 'citation-mismatch'
  | 'overstated-claim'
  | 'noncanonical-term'
  | 'citation-order';

/** How new citations are written in this document: the syntax it already uses most, else its language's default. */
export type CitationStyle = 'numeric' | 'latex' | 'pandoc';

/** What every rule declares: its code, what it flags, and how it is set when the user sets nothing. */
export interface RuleInfo {
  code: RuleCode;
  /** One line for docs and settings: what the rule flags. */
  summary: string;
  defaultSeverity: RuleSeverity;
  /** False for a rule the user turns on (`secretome.lint.severity.<code>`); absent means on. */
  defaultEnabled?: boolean;
}

/** A rule that reads one paragraph at a time (findings cached by paragraph text). */
export interface Rule extends RuleInfo {
  check(context: RuleContext): Finding[];
}

/** A rule whose findings depend on the whole project (what was cited before, in other files): run per document, uncached. */
export interface ProjectRule extends RuleInfo {
  checkProject(context: ProjectRuleContext): Finding[];
}

/** The served document within its project, for project rules; offsets of findings are into the served document. */
export interface ProjectRuleContext {
  project: ProjectContext;
  /** Index of the served document in `project.files`. */
  fileIndex: number;
  references: DocumentReferences;
}

/** One paragraph as the rules see it; every offset is into the whole document. */
export interface RuleContext {
  text: string;
  language: ManuscriptLanguage;
  dataset: Dataset;
  paragraph: Span;
  sentences: SentenceAnalysis[];
  /** Citations that start inside the paragraph. */
  citations: Citation[];
  /** What the document can cite: its own numbered list, its bibliographies, the review. */
  references: DocumentReferences;
  /** Keys defined outside any bibliography: Manubot `[@tag:x]: …` lines here or elsewhere in the project ("tag:x"). */
  definedKeys: ReadonlySet<string>;
  citationStyle: CitationStyle;
  /** Set when the citation-worthiness model, not the claim rules alone, decides which uncited sentences need a citation. */
  citationSensitivity?: CitationSensitivity;
  /** The nearest heading above the paragraph, lower-cased, if any. */
  section?: string;
}

/** An edit relative to the finding's start; `expect` is the text it replaces, checked before applying. */
export interface RelativeEdit {
  from: number;
  to: number;
  expect: string;
  newText: string;
}

export interface Fix {
  title: string;
  edits: RelativeEdit[];
  preferred?: boolean;
}

/** What code actions and hovers need from a finding; plain JSON so it survives the trip through the client. */
export interface FindingData {
  /** The text of the finding's range when it was found: a fix applies only if the text there is unchanged. */
  written: string;
  fixes?: Fix[];
  /** References the review cites for this sentence's subject. */
  refs?: number[];
  /** The review's statement behind the finding. */
  statementId?: string;
}

export interface RelatedNote {
  message: string;
  /** Where the note points in the document; absent means the finding's own range. */
  span?: Span;
}

export interface Finding extends Span {
  code: RuleCode;
  message: string;
  related?: RelatedNote[];
  data: FindingData;
}
