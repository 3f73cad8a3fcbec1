/** The limits every reader keeps, so no file can take unbounded time or memory, and what a file over them yields. */
import type { ReferenceSource, SourceReading } from '../knowledge/model';

export interface ReadingLimits {
  /** At most this many entries (items) per file; the rest are reported once. */
  maxEntries: number;
  /** Files longer than this many characters are not read at all (the caller chooses; the default is 256 MiB). */
  maxTextLength: number;
  /** BibTeX: at most this many characters in one field after `@string` expansion. */
  maxValueLength: number;
  /** BibTeX: at most this many characters of `@string` text in one file after expansion. */
  maxMacroText: number;
}

export const defaultReadingLimits: ReadingLimits = {
  maxEntries: 300_000,
  maxTextLength: 256 * 1024 * 1024,
  maxValueLength: 100_000,
  maxMacroText: 10_000_000,
};

/** The source a bibliography file is: its URI, named by its file name. */
export function sourceOf(uri: string): ReferenceSource {
  const name = uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? uri;
  let label = name;
  try {
    label = decodeURIComponent(name);
  } catch {
    // A name with a stray % is shown as written.
  }
  return { kind: 'bibliography', id: uri, label: label || uri };
}

export function tooLarge(uri: string, length: number, maxTextLength: number): SourceReading {
  const mib = (characters: number) => `${(characters / 1024 / 1024).toFixed(1)} MiB`;
  return {
    references: [],
    problems: [
      {
        location: { uri, line: 0, character: 0 },
        severity: 'error',
        code: 'too-large',
        message: `${sourceOf(uri).label} is ${mib(length)}, more than the ${mib(maxTextLength)} a bibliography may be; it is not read`,
      },
    ],
  };
}
