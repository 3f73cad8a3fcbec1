/**
 * Compares two answers of the differential fuzz tests and describes the first place they differ, short enough to
 * read in a failure message (a full diff of hundreds of diagnostics and completion items is not).
 */
import { isDeepStrictEqual } from 'util';

/** Undefined when equal; else the path of the first difference and both values there. */
export function firstDifference(seen: unknown, expected: unknown, at = 'answer'): string | undefined {
  if (isDeepStrictEqual(seen, expected)) return undefined;
  if (Array.isArray(seen) && Array.isArray(expected)) {
    for (let i = 0; i < Math.min(seen.length, expected.length); i++) {
      const inner = firstDifference(seen[i], expected[i], `${at}[${i}]`);
      if (inner) return seen.length === expected.length ? inner : `${inner}\n(and ${at} has ${seen.length} items, ${expected.length} expected)`;
    }
    const extra = seen.length > expected.length ? `unexpected ${brief(seen[expected.length])}` : `missing ${brief(expected[seen.length])}`;
    return `${at} has ${seen.length} items, ${expected.length} expected; first ${extra}`;
  }
  if (isObject(seen) && isObject(expected)) {
    for (const key of new Set([...Object.keys(seen), ...Object.keys(expected)])) {
      const inner = firstDifference(seen[key], expected[key], `${at}.${key}`);
      if (inner) return inner;
    }
  }
  return `${at}: incremental ${brief(seen)}\n${' '.repeat(at.length)}  fresh       ${brief(expected)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function brief(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 600 ? `${json.slice(0, 600)}…` : json;
}
