/**
 * Test helper for the manuscript tests: inputs are written with «» around the spans a test expects,
 * so a case reads as the document it describes ("Growth factors «[11-18]» help.").
 */
import type { Span } from '../../server/src/core/manuscript/types';

export interface Marked {
  /** The input with the markers removed. */
  text: string;
  /** The marked spans, in order of their opening marker, as offsets into `text`. */
  spans: Span[];
}

export function marked(input: string): Marked {
  const parts: string[] = [];
  const spans: Span[] = [];
  const open: Span[] = [];
  let offset = 0;
  for (const char of input) {
    if (char === '«') {
      const span = { start: offset, end: -1 };
      spans.push(span);
      open.push(span);
    } else if (char === '»') {
      const span = open.pop();
      if (!span) throw new Error(`unbalanced » in ${input}`);
      span.end = offset;
    } else {
      parts.push(char);
      offset += char.length;
    }
  }
  if (open.length > 0) throw new Error(`unbalanced « in ${input}`);
  return { text: parts.join(''), spans };
}

/** The texts a list of spans covers, which reads better in a failing assertion than offsets. */
export function slices(text: string, spans: readonly Span[]): string[] {
  return spans.map((span) => text.slice(span.start, span.end));
}
