/**
 * The numbered citations of a project in reading order, and the order their numbers are first cited in: what
 * renumbering, the citation-order rule and writing the reference list share. Each range is expanded on its own
 * (ranges are short: a longer one is an absurd range the parser marks), so the walk stays linear in the citations.
 */
import type { Citation, CitationEntry } from '../manuscript/types';
import type { ProjectContext, ProjectFile } from './model';

/** One numbered citation of the project, with the numbers it stands for in written order, each once. */
export interface NumberedCitation {
  /** Index of its file in the project's reading order. */
  fileIndex: number;
  citation: Citation;
  numbers: number[];
  /** The entry each of `numbers` comes from (same index). */
  entries: CitationEntry[];
}

/** An entry no renumbering can rewrite: `[1-99999999]`, `[40-]`, a number too large to be one. */
export interface UnrenumberableEntry {
  fileIndex: number;
  citation: Citation;
  entry: CitationEntry;
  why: string;
}

export interface FirstUse {
  citations: NumberedCitation[];
  /** Every number cited, once, in the order of its first citation. */
  order: number[];
  /** Where each number is first cited. */
  first: Map<number, { fileIndex: number; citation: Citation; entry: CitationEntry }>;
  unrenumberable: UnrenumberableEntry[];
}

/**
 * `keyNumber`: for a list whose entries have keys (`\bibitem{key}`), the entry number a cited key stands for; such
 * citations count for first use (their keys are never rewritten), so `\cite{b}` before `\cite{a}` puts b first.
 */
export function firstUseOf(files: readonly ProjectFile[], keyNumber?: (key: string) => number | undefined): FirstUse {
  const citations: NumberedCitation[] = [];
  const order: number[] = [];
  const first: FirstUse['first'] = new Map();
  const unrenumberable: UnrenumberableEntry[] = [];
  files.forEach((file, fileIndex) => {
    for (const citation of file.manuscript.citations) {
      if (citation.syntax !== 'numeric') {
        if (keyNumber) countKeys(citation, fileIndex, keyNumber, order, first);
        continue;
      }
      const numbered: NumberedCitation = { fileIndex, citation, numbers: [], entries: [] };
      const seen = new Set<number>();
      for (const entry of citation.entries) {
        const why = unrenumberableReason(entry);
        if (why) {
          unrenumberable.push({ fileIndex, citation, entry, why });
          continue;
        }
        for (const number of numbersOf(entry)) {
          if (seen.has(number)) continue;
          seen.add(number);
          numbered.numbers.push(number);
          numbered.entries.push(entry);
          if (!first.has(number)) {
            first.set(number, { fileIndex, citation, entry });
            order.push(number);
          }
        }
      }
      citations.push(numbered);
    }
  });
  return { citations, order, first, unrenumberable };
}

function countKeys(citation: Citation, fileIndex: number, keyNumber: (key: string) => number | undefined, order: number[], first: FirstUse['first']): void {
  for (const entry of citation.entries) {
    if (entry.kind !== 'key' || entry.key === undefined) continue;
    const number = keyNumber(entry.key);
    if (number === undefined || first.has(number)) continue;
    first.set(number, { fileIndex, citation, entry });
    order.push(number);
  }
}

/** For a project whose own list is `\bibitem{key}`s: the entry number of each key (the first entry with it). */
export function listKeyNumbers(project: ProjectContext): ((key: string) => number | undefined) | undefined {
  const entries = project.ownListFile?.manuscript.referenceList?.entries;
  if (!entries || !entries.some((entry) => entry.key !== undefined)) return undefined;
  const numbers = new Map<string, number>();
  for (const entry of entries) if (entry.key !== undefined && !numbers.has(entry.key)) numbers.set(entry.key, entry.number);
  return (key) => numbers.get(key);
}

function unrenumberableReason(entry: CitationEntry): string | undefined {
  if (entry.kind === 'empty') return undefined;
  if (entry.problem === 'absurd-range') return 'a range too long to be meant';
  if (entry.problem === 'dangling-range') return 'a range with one end missing';
  if (entry.from !== undefined && !Number.isSafeInteger(entry.from)) return 'a number too large to be a reference';
  if (entry.to !== undefined && !Number.isSafeInteger(entry.to)) return 'a number too large to be a reference';
  return undefined;
}

/** A number, or a range's numbers low to high (a reversed range stands for the numbers between its ends). */
function numbersOf(entry: CitationEntry): number[] {
  if (entry.from === undefined || entry.to === undefined) return [];
  const low = Math.min(entry.from, entry.to);
  const high = Math.max(entry.from, entry.to);
  const numbers: number[] = [];
  for (let n = low; n <= high; n++) numbers.push(n);
  return numbers;
}

/** How the manuscript writes a range's dash and the separator between entries: the most common, else `-` and `, `. */
export interface CitationWriting {
  dash: string;
  separator: string;
}

export function citationWritingOf(files: readonly ProjectFile[], citations: readonly NumberedCitation[]): CitationWriting {
  const dashes = new Map<string, number>();
  const separators = new Map<string, number>();
  for (const { fileIndex, citation } of citations) {
    const text = files[fileIndex]!.manuscript.text;
    const entries = citation.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.kind === 'range' && entry.from !== undefined && entry.to !== undefined) {
        const dash = /[-\u2010-\u2014\u2212]/.exec(entry.text)?.[0];
        if (dash) dashes.set(dash, (dashes.get(dash) ?? 0) + 1);
      }
      const next = entries[i + 1];
      if (next && entry.kind !== 'empty' && next.kind !== 'empty') {
        const between = text.slice(entry.end, next.start);
        const separator = /^\s*;\s*$/.test(between) ? (/;\s/.test(between) ? '; ' : ';') : /,\s/.test(between) ? ', ' : ',';
        separators.set(separator, (separators.get(separator) ?? 0) + 1);
      }
    }
  }
  return { dash: mostCommon(dashes) ?? '-', separator: mostCommon(separators) ?? ', ' };
}

function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** `[2, 3, 4, 7]` → "2-4, 7": ascending, runs of three or more as a range, pairs as two numbers (Vancouver's way). */
export function compactNumbers(numbers: readonly number[], writing: CitationWriting): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}${writing.dash}${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(writing.separator);
}
