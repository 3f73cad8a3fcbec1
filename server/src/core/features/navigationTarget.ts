/**
 * What a navigation request (definition, references, rename) is about: the citation key, number or identifier under
 * the cursor, or the own-list entry or Manubot tag definition the cursor is on; and which reference that is. Shared
 * by definition.ts, references.ts and rename.ts so all three read the cursor alike.
 */
import type { Reference } from '../knowledge/model';
import type { DocumentReferences } from '../knowledge';
import { citationAt } from '../manuscript';
import type { CitationEntry, Manuscript, ReferenceListEntry, Span } from '../manuscript/types';
import type { ProjectFile } from '../project/model';
import type { FeatureContext } from './context';

export type NavigationTarget =
  /** A citation key (`\cite{a}`, `[@a]`) or the key of a `\bibitem{a}` the cursor is on. */
  | { kind: 'key'; key: string; span: Span }
  /** A number of `[3, 5-7]`, or the number of an own-list entry the cursor is on. */
  | { kind: 'number'; number: number; span: Span }
  /** A persistent identifier (`@doi:…`, `@tag:x`) written as a citation, or a Manubot `[@tag:x]: …` definition line. */
  | { kind: 'identifier'; key: string; span: Span };

/** The target at an offset of the served document, or undefined when the cursor is on none. */
export function targetAt(manuscript: Manuscript, offset: number): NavigationTarget | undefined {
  const citation = citationAt(manuscript, offset) ?? citationAt(manuscript, offset - 1);
  if (citation) {
    const entry = entryAt(citation.entries, offset);
    return entry ? targetOfEntry(entry, offset) : undefined;
  }
  const listEntry = manuscript.referenceList?.entries.find((candidate) => candidate.start <= offset && offset <= candidate.end);
  if (listEntry) return targetOfListEntry(manuscript, listEntry);
  for (const [key, definition] of manuscript.tagDefinitions ?? []) {
    if (definition.span.start <= offset && offset <= definition.span.end) {
      const at = manuscript.text.indexOf(key, definition.span.start);
      return { kind: 'identifier', key, span: { start: at, end: at + key.length } };
    }
  }
  return undefined;
}

/** The entry under the cursor (its end counts: a cursor just after a key is on it), else the citation's first entry. */
function entryAt(entries: readonly CitationEntry[], offset: number): CitationEntry | undefined {
  const usable = entries.filter((entry) => entry.kind !== 'empty');
  return usable.find((entry) => entry.start <= offset && offset <= entry.end) ?? usable[0];
}

function targetOfEntry(entry: CitationEntry, offset: number): NavigationTarget | undefined {
  const span = { start: entry.start, end: entry.end };
  if (entry.kind === 'key' && entry.key) return { kind: 'key', key: entry.key, span };
  if (entry.kind === 'identifier' && entry.key) return { kind: 'identifier', key: entry.key, span };
  if (entry.kind === 'number' && entry.from !== undefined) return { kind: 'number', number: entry.from, span };
  if (entry.kind === 'range' && entry.from !== undefined) {
    // `5-7`: the number under the cursor; on the dash or before it, the range's first.
    const dash = entry.text.search(/[-–—]/);
    const onLast = entry.to !== undefined && dash >= 0 && offset > entry.start + dash;
    return { kind: 'number', number: onLast ? entry.to! : entry.from, span };
  }
  return undefined;
}

/** On a `\bibitem{key}` the key; on a numbered entry its number. */
function targetOfListEntry(manuscript: Manuscript, entry: ReferenceListEntry): NavigationTarget {
  if (entry.key !== undefined) {
    const span = bibitemKeySpan(manuscript.text, entry) ?? { start: entry.start, end: entry.textSpan.start };
    return { kind: 'key', key: entry.key, span };
  }
  return { kind: 'number', number: entry.number, span: { start: entry.start, end: entry.textSpan.start } };
}

/** Where `key` is written in `\bibitem[label]{key}`. */
export function bibitemKeySpan(text: string, entry: ReferenceListEntry): Span | undefined {
  if (entry.key === undefined) return undefined;
  const head = text.slice(entry.start, entry.textSpan.start);
  const match = /\\bibitem\s*(?:\[[^\]]*\]\s*)?\{\s*/.exec(head);
  if (!match || !head.startsWith(entry.key, match.index + match[0].length)) return undefined;
  const start = entry.start + match.index + match[0].length;
  return { start, end: start + entry.key.length };
}

/** A key the document's own list defines (`\bibitem{key}`) is that entry; else the bibliographies', else the review's. */
export function resolveKey(references: DocumentReferences, key: string): Reference | undefined {
  const own = references.numbering === 'own-list' && !/^\d+$/.test(key) ? references.numbered.byKeyOf(key) : undefined;
  return own ?? references.resolveKey(key);
}

/** Whether two references are the same entry of the same source. */
export function sameReference(a: Reference, b: Reference): boolean {
  return a.source.id === b.source.id && a.key.toLowerCase() === b.key.toLowerCase() && a.number === b.number;
}

/** Each key entry of the project's citations whose key resolves to `reference` (or, unresolved, is written the same). */
export function* keyCitationsOf(context: FeatureContext, key: string, reference: Reference | undefined): Iterable<{ file: ProjectFile; entry: CitationEntry }> {
  const resolved = new Map<string, boolean>();
  const matches = (candidate: string): boolean => {
    let known = resolved.get(candidate);
    if (known === undefined) {
      const other = resolveKey(context.references, candidate);
      known = reference ? other !== undefined && sameReference(other, reference) : other === undefined && candidate === key;
      resolved.set(candidate, known);
    }
    return known;
  };
  for (const file of context.project.files) {
    for (const citation of file.manuscript.citations) {
      if (citation.keys.length === 0) continue;
      for (const entry of citation.entries) {
        if (entry.kind === 'key' && entry.key !== undefined && matches(entry.key)) yield { file, entry };
      }
    }
  }
}

/** Each number or range entry of the project's citations that cites `number` (a range covering it counts). */
export function* numberCitationsOf(context: FeatureContext, number: number): Iterable<{ file: ProjectFile; entry: CitationEntry }> {
  for (const file of context.project.files) {
    for (const citation of file.manuscript.citations) {
      if (!citation.numbers.includes(number)) continue;
      const entry = citation.entries.find(
        (candidate) =>
          (candidate.kind === 'number' && candidate.from === number) ||
          (candidate.kind === 'range' && candidate.from !== undefined && candidate.to !== undefined && candidate.from <= number && number <= candidate.to),
      );
      if (entry) yield { file, entry };
    }
  }
}

/** Each identifier entry (`@tag:x`, `@doi:…`) of the project's citations written as `key`. */
export function* identifierCitationsOf(context: FeatureContext, key: string): Iterable<{ file: ProjectFile; entry: CitationEntry }> {
  for (const file of context.project.files) {
    for (const citation of file.manuscript.citations) {
      for (const entry of citation.entries) {
        if (entry.kind === 'identifier' && entry.key === key) yield { file, entry };
      }
    }
  }
}
