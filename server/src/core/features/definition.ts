/**
 * Go to definition from a citation: each key of `\cite{a,b}` and `[@a; @b]`, each number of `[3, 5-7]`, to where its
 * reference is written: the .bib entry's line, the CSL item, the line of the manuscript's own reference list (in
 * whichever chapter holds it), a Manubot `[@tag:x]: doi:…` line. The review's references live in no file, so they
 * open a read-only view (`secretome-review:` documents, whose text `reviewReferenceDocument` gives).
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { Dataset } from '../dataset';
import type { Reference } from '../knowledge/model';
import { reviewReferenceView } from '../knowledge/format';
import { reviewSource } from '../knowledge/reviewSource';
import type { FeatureContext } from './context';
import { resolveKey, targetAt, type NavigationTarget } from './navigationTarget';

/** The scheme of the review's read-only reference views; the client shows them through a content provider. */
export const reviewReferenceScheme = 'secretome-review';

/** `secretome-review:/reference-12.md`: one of the review's references, as a Markdown view. */
export function reviewReferenceUri(number: number): string {
  return `${reviewReferenceScheme}:/reference-${number}.md`;
}

export function findDefinition(context: FeatureContext, position: Position): Location | null {
  const target = targetAt(context.manuscript, context.document.offsetAt(position));
  return target ? definitionOf(context, target) : null;
}

/** Where the target's reference is defined, or null when it resolves to nothing (an unknown key, a bare DOI). */
export function definitionOf(context: FeatureContext, target: NavigationTarget): Location | null {
  if (target.kind === 'identifier') return tagDefinition(context, target.key);
  const reference = referenceOf(context, target);
  return reference ? locationOf(reference) : null;
}

export function referenceOf(context: FeatureContext, target: NavigationTarget): Reference | undefined {
  if (target.kind === 'number') return context.references.resolveNumber(target.number);
  if (target.kind === 'key') return resolveKey(context.references, target.key);
  return undefined;
}

/** The entry's place in its file, or the review's view of it. */
export function locationOf(reference: Reference): Location | null {
  if (reference.location) {
    const at = { line: reference.location.line, character: reference.location.character };
    return { uri: reference.location.uri, range: { start: at, end: at } };
  }
  if (reference.source.id === reviewSource.id && reference.number !== undefined) {
    const start = { line: 0, character: 0 };
    return { uri: reviewReferenceUri(reference.number), range: { start, end: start } };
  }
  return null;
}

/** `@tag:x`: its `[@tag:x]: …` line, in this chapter or another of the project. */
function tagDefinition(context: FeatureContext, key: string): Location | null {
  const files = [context.project.files.find((file) => file.document.uri === context.document.uri), ...context.project.files];
  for (const file of files) {
    const definition = file?.manuscript.tagDefinitions?.get(key);
    if (file && definition) {
      return { uri: file.document.uri, range: { start: file.document.positionAt(definition.span.start), end: file.document.positionAt(definition.span.end) } };
    }
  }
  return null;
}

/** The text of a `secretome-review:` view, or undefined for a URI that names no reference of the review. */
export function reviewReferenceDocument(dataset: Dataset, uri: string, reviewReferences: readonly Reference[]): string | undefined {
  const match = new RegExp(`^${reviewReferenceScheme}:/*reference-(\\d{1,4})\\.md$`).exec(uri);
  if (!match) return undefined;
  const reference = reviewReferences.find((candidate) => candidate.number === Number(match[1]));
  return reference ? reviewReferenceView(reference, dataset) : undefined;
}
