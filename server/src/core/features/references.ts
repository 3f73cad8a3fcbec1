/**
 * Find references: every citation of one reference across the project's files — a key wherever it resolves to the
 * same entry, a number wherever it is cited (ranges that cover it count), an identifier wherever it is written —
 * asked from a citation, from an entry of the manuscript's own list, or (through `referencesOfEntry`) from the
 * bibliography entry itself. With `includeDeclaration`, the place the reference is defined comes first.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { Reference } from '../knowledge/model';
import type { CitationEntry } from '../manuscript/types';
import type { ProjectFile } from '../project/model';
import type { FeatureContext } from './context';
import { definitionOf, locationOf, referenceOf } from './definition';
import { identifierCitationsOf, keyCitationsOf, numberCitationsOf, targetAt } from './navigationTarget';

export function findReferences(context: FeatureContext, position: Position, includeDeclaration: boolean): Location[] {
  const target = targetAt(context.manuscript, context.document.offsetAt(position));
  if (!target) return [];
  const found: Location[] = [];
  if (includeDeclaration) {
    const declaration = definitionOf(context, target);
    // The review's read-only view is not a place in the project; it is not listed among the project's references.
    if (declaration && !declaration.uri.startsWith('secretome-review:')) found.push(declaration);
  }
  const citations =
    target.kind === 'number'
      ? numberCitationsOf(context, target.number)
      : target.kind === 'identifier'
        ? identifierCitationsOf(context, target.key)
        : keyCitationsOf(context, target.key, referenceOf(context, target));
  for (const citation of citations) found.push(locationOfEntry(citation));
  return found;
}

/** The citations of a bibliography entry (asked on the .bib file) in this document's project. */
export function referencesOfEntry(context: FeatureContext, reference: Reference, includeDeclaration: boolean): Location[] {
  const found: Location[] = [];
  const declaration = includeDeclaration ? locationOf(reference) : null;
  if (declaration) found.push(declaration);
  for (const citation of keyCitationsOf(context, reference.key, reference)) found.push(locationOfEntry(citation));
  return found;
}

export function locationOfEntry({ file, entry }: { file: ProjectFile; entry: CitationEntry }): Location {
  return { uri: file.document.uri, range: { start: file.document.positionAt(entry.start), end: file.document.positionAt(entry.end) } };
}
