/**
 * The citation picker (the "Secretome: Insert Citation…" command): every reference, ranked by the sentence at the
 * cursor as completion ranks them, each with the citation to insert in the syntax the document already uses, and
 * set off from the word before it as the document's own citations are (" [27-29]", "~\cite{…}" or "[17]").
 */
import type { Position } from 'vscode-languageserver-types';
import { citationStyleOf } from '../rules';
import { writeCitation } from '../rules/wording';
import type { CitationStyle } from '../rules/types';
import type { Manuscript } from '../manuscript/types';
import type { FeatureContext } from './context';
import { rankReferences, sentenceAroundCursor } from './referenceRanking';

export interface PickableReference {
  number: number;
  key: string;
  /** "[45] Caseiro et al. 2019, PLoS ONE" */
  label: string;
  /** The title. */
  detail: string;
  /** Why the review cites it. */
  description: string;
  /** What accepting inserts at the cursor: "[45]", " [45]", "~\cite{caseiro2019}" or "[@caseiro2019]". */
  insertText: string;
}

export function referencesToPick(context: FeatureContext, position: Position): PickableReference[] {
  const { document, dataset, manuscript } = context;
  const offset = document.offsetAt(position);
  const sentence = sentenceAroundCursor(document.getText(), offset);
  const style = citationStyleOf(manuscript);
  const separator = needsSeparator(manuscript.text, offset) ? citationSeparatorOf(manuscript, style) : '';
  return rankReferences(dataset, sentence).map(({ reference }) => ({
    number: reference.number,
    key: reference.key,
    label: `[${reference.number}] ${dataset.shortCitation(reference)}`,
    detail: reference.title,
    description: reference.citedFor,
    insertText: separator + writeCitation(dataset, [reference.number], style),
  }));
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
