/**
 * The citation picker (the "Secretome: Insert Citation…" command): every reference, ranked by the sentence at the
 * cursor as completion ranks them, each with the citation to insert in the syntax the document already uses, and
 * set off from the word before it as the document's own citations are (" [27-29]", "~\cite{…}" or "[17]").
 */
import type { Position } from 'vscode-languageserver-types';
import { citationStyleOf } from '../rules';
import type { CitationStyle } from '../rules/types';
import type { Manuscript } from '../manuscript/types';
import { reviewEvidence, shortCitation, whereDefined } from '../knowledge/format';
import type { Reference } from '../knowledge/model';
import type { FeatureContext } from './context';
import { sentenceAroundCursor } from './referenceRanking';
import { citationCandidates } from './citationCandidates';

export interface PickableReference {
  /** The number `[n]` cites in the document's numbering; absent for an entry cited by key only. */
  number?: number;
  key: string;
  /** "[45] Caseiro et al. 2019, PLoS ONE" in a numeric document; "smith2021 · Smith et al. 2021, Cells" by key. */
  label: string;
  /** The title. */
  detail: string;
  /** Why the review cites it, for a paper the review cites; else where it is defined ("refs.bib, line 12"). */
  description: string;
  /** What accepting inserts at the cursor: "[45]", " [45]", "~\cite{caseiro2019}" or "[@caseiro2019]". */
  insertText: string;
}

/** Enough for anyone scrolling a picker; the ranking puts the ones about the sentence first. */
const pickerLimit = 200;

export function referencesToPick(context: FeatureContext, position: Position): PickableReference[] {
  const { document, dataset, manuscript, references } = context;
  const offset = document.offsetAt(position);
  const sentence = sentenceAroundCursor(document.getText(), offset);
  const style = citationStyleOf(manuscript);
  const separator = needsSeparator(manuscript.text, offset) ? citationSeparatorOf(manuscript, style) : '';
  const { candidates } = citationCandidates(references, style === 'numeric' ? 'numeric' : 'key', { sentence, limit: pickerLimit });
  return candidates.map(({ reference, insert }) => {
    const short = shortCitation(reference, dataset);
    const number = style === 'numeric' ? reference.number : numberInDocument(context, reference);
    return {
      number,
      key: reference.key,
      label: style === 'numeric' ? `[${insert}] ${short}` : `${insert} · ${short}`,
      detail: reference.item.title ?? '',
      description: reviewEvidence(reference, dataset) ?? whereDefined(reference),
      insertText: separator + citationText(insert, style),
    };
  });
}

/** The citation in the document's syntax: "[17]", "\cite{key}", "[@key]". */
function citationText(insert: string, style: CitationStyle): string {
  if (style === 'numeric') return `[${insert}]`;
  if (style === 'latex') return `\\cite{${insert}}`;
  return `[@${insert}]`;
}

/** The number a key-cited entry also has in the document's numbering (the review's papers keep theirs), if any. */
function numberInDocument(context: FeatureContext, reference: Reference): number | undefined {
  if (reference.source.kind === context.references.numbered.source.kind) return reference.number;
  if (reference.reviewNumber === undefined) return undefined;
  const entry = context.references.numbered.entriesForReviewNumber(reference.reviewNumber)[0];
  return entry === undefined ? undefined : context.references.numbered.references[entry].number;
}

/** What separates a citation from the word before it. */
export type CitationSeparator = '' | ' ' | '~';

/**
 * The separator the document's citations of this style use most ("wounds [17]", "wounds[17]", "wounds~\cite{…}").
 * Citations at the start of a line or after an opening bracket say nothing and are not counted. With no citation to
 * go by, a space: what the review itself writes, and what the citation quick fix inserts.
 */
export function citationSeparatorOf(manuscript: Manuscript, style: CitationStyle): CitationSeparator {
  const counts: Record<CitationSeparator, number> = { '': 0, ' ': 0, '~': 0 };
  for (const citation of manuscript.citations) {
    if (citation.syntax !== style || citation.start === 0) continue;
    const before = manuscript.text[citation.start - 1];
    if (before === '~') counts['~']++;
    else if (before === ' ' || before === '\t') counts[' ']++;
    else if (!/[\s([{]/.test(before)) counts['']++;
  }
  const ranked = ([' ', '~', ''] as CitationSeparator[]).sort((a, b) => counts[b] - counts[a]);
  return counts[ranked[0]] > 0 ? ranked[0] : ' ';
}

/** A separator goes in only after a word or punctuation; not at a line start, after a space or an opening bracket. */
function needsSeparator(text: string, offset: number): boolean {
  if (offset === 0) return false;
  return !/[\s~([{]/.test(text[offset - 1]);
}
