/** Offset lookups on a parsed manuscript, by binary search over its sorted, non-overlapping spans. */
import type { Citation, Manuscript, Sentence, Span } from './types';

/** The sentence containing `offset` (start <= offset < end), or undefined between sentences. */
export function sentenceAt(manuscript: Manuscript, offset: number): Sentence | undefined {
  return manuscript.sentences[spanIndexAt(manuscript.sentences, offset)];
}

/** The citation containing `offset` (start <= offset < end): `[1|3]` is inside, `[13]|` is not. */
export function citationAt(manuscript: Manuscript, offset: number): Citation | undefined {
  return manuscript.citations[spanIndexAt(manuscript.citations, offset)];
}

/** Whether the character at `offset` is prose (not markup, code, math, a comment, a URL or the reference list). */
export function isProse(manuscript: Manuscript, offset: number): boolean {
  return spanIndexAt(manuscript.prose, offset) >= 0;
}

/** Index of the span containing `offset` in spans sorted by start and not overlapping, or -1. */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (offset < span.start) high = mid - 1;
    else if (offset >= span.end) low = mid + 1;
    else return mid;
  }
  return -1;
}
