/**
 * What a citation of a given syntax can cite, ranked by the one ranking (`references.rank`): completion and the citation
 * picker both ask here, so they offer the same references in the same order. A numeric citation (`[n]`) cites the
 * document's numbering only (its own list when it has one, else the review's); a key citation (`\cite{key}`, `[@key]`)
 * cites the writer's bibliographies and the review's keys, a writer's entry standing in for the review paper it is.
 */
import type { DocumentReferences, RankedReference } from '../knowledge';
import type { Reference, SourceKind } from '../knowledge/model';

export type CitationKind = 'numeric' | 'key';

export interface CandidateOptions {
  sentence: string;
  /** Free text typed: author, key, year, title words. */
  query?: string;
  /** Digits typed for a number (numeric citations only). */
  numberPrefix?: string;
  /** Only numbers above this one: the end of a range being typed (`[11-`). */
  above?: number;
  excludeKeys?: readonly string[];
  excludeNumbers?: readonly number[];
  limit: number;
}

export interface CitationCandidate {
  reference: Reference;
  /** What the citation writes: the number (numeric) or the key. */
  insert: string;
}

export interface Candidates {
  candidates: CitationCandidate[];
  /** False when more typing or a larger limit could change the list. */
  complete: boolean;
}

/** Key citations resolve through bibliographies and the review (`DocumentReferences.resolveKey`), never an own list. */
const keySourceKinds: readonly SourceKind[] = ['bibliography', 'review'];

export function citationCandidates(references: DocumentReferences, kind: CitationKind, options: CandidateOptions): Candidates {
  if (kind === 'key') {
    const result = references.rank({
      sentence: options.sentence,
      query: options.query,
      exclude: { keys: new Set(options.excludeKeys ?? []) },
      kinds: keySourceKinds,
      limit: options.limit,
    });
    return { candidates: result.references.map(({ reference }) => ({ reference, insert: reference.key })), complete: result.complete };
  }
  const above = options.above;
  // Cutting the numbers below a range's start after ranking: ask for enough that the limit still fills.
  const limit = above === undefined ? options.limit : options.limit + references.numbered.references.length;
  const result = references.rank({
    sentence: options.sentence,
    query: options.query,
    numberPrefix: options.numberPrefix,
    exclude: { numbers: new Set(options.excludeNumbers ?? []) },
    kinds: [references.numbered.source.kind],
    limit,
  });
  const numbered = result.references.filter(
    (ranked): ranked is RankedReference & { reference: { number: number } } =>
      ranked.reference.number !== undefined && (above === undefined || ranked.reference.number > above),
  );
  const candidates = numbered.slice(0, options.limit).map(({ reference }) => ({ reference, insert: String(reference.number) }));
  return { candidates, complete: result.complete && numbered.length <= options.limit };
}

/** The most digits a number of the document's numbering has: more typed digits are a year (`[2019`). */
export function numberDigits(references: DocumentReferences): number {
  let largest = 0;
  for (const reference of references.numbered.references) largest = Math.max(largest, reference.number ?? 0);
  return String(largest).length;
}
