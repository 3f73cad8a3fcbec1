/**
 * The citation picker (the "Secretome: Insert Citation…" command): every reference, ranked by the sentence at the
 * cursor as completion ranks them, each with the citation to insert in the syntax the document already uses.
 */
import type { Position } from 'vscode-languageserver-types';
import { citationStyleOf } from '../rules';
import { writeCitation } from '../rules/wording';
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
  /** What accepting inserts at the cursor: "[45]", "\cite{caseiro2019}" or "[@caseiro2019]". */
  insertText: string;
}

export function referencesToPick(context: FeatureContext, position: Position): PickableReference[] {
  const { document, dataset, manuscript } = context;
  const sentence = sentenceAroundCursor(document.getText(), document.offsetAt(position));
  const style = citationStyleOf(manuscript);
  return rankReferences(dataset, sentence).map(({ reference }) => ({
    number: reference.number,
    key: reference.key,
    label: `[${reference.number}] ${dataset.shortCitation(reference)}`,
    detail: reference.title,
    description: reference.citedFor,
    insertText: writeCitation(dataset, [reference.number], style),
  }));
}
