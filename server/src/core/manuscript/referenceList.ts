/**
 * The manuscript's own numbered reference list, as entries of text: a numbered list under the References heading
 * (`1. Smith J…`, `1) …`, `[1] …`) in Markdown and plain text, and `\bibitem[label]{key} …` inside
 * `thebibliography` in LaTeX. Reading the fields of each entry is core/sources/manuscriptList.ts's job.
 */
import { LatexComments } from './latexFiles';
import type { ManuscriptLanguage, ManuscriptReferenceList, ReferenceListEntry } from './types';

/** A reference list longer than this is cut: no manuscript cites more, and a runaway list stays cheap. */
export const MAX_REFERENCE_LIST_ENTRIES = 5000;

export function findReferenceList(text: string, language: ManuscriptLanguage, referenceListStart: number | undefined): ManuscriptReferenceList | undefined {
  if (language === 'latex') return findBibitems(text);
  if (referenceListStart === undefined) return undefined;
  return findNumberedList(text, referenceListStart);
}

/** `1. `, `1) `, `[1] `, and bulleted `- [1]. ` as the review itself writes them. */
const ENTRY_START = /^ {0,3}(?:[-*+][ \t]+)?(?:(\d{1,4})[.)]|\[(\d{1,4})\]\.?)[ \t]+(?=\S)/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;

function findNumberedList(text: string, start: number): ManuscriptReferenceList | undefined {
  const lines = new LineIndex(text);
  const headingLineEnd = lineEndAt(text, start);
  const heading = ATX_HEADING.exec(text.slice(start, Math.min(headingLineEnd, start + 20)));
  // The list ends at a heading of the reference heading's level or higher; after a bold or Setext heading, at any.
  const level = heading ? heading[1]!.length : 6;
  const entries: ReferenceListEntry[] = [];
  let current: ReferenceListEntry | undefined;
  let lineStart = headingLineEnd + 1;
  while (lineStart < text.length && entries.length < MAX_REFERENCE_LIST_ENTRIES) {
    const lineEnd = lineEndAt(text, lineStart);
    let contentEnd = lineEnd;
    while (contentEnd > lineStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
    const head = text.slice(lineStart, Math.min(contentEnd, lineStart + 20));
    const headingMatch = ATX_HEADING.exec(head);
    if (headingMatch && headingMatch[1]!.length <= level) break;
    const entryMatch = ENTRY_START.exec(head);
    const written = entryMatch ? Number(entryMatch[1] ?? entryMatch[2]) : 0;
    const previous = entries[entries.length - 1]?.number ?? 0;
    // A wrapped entry's next line may start with "2019. "; a number far past the count continues the entry instead.
    if (entryMatch && !(current && written > previous + 20)) {
      // Markdown renders `1. 1. 1.` (lazy numbering) as 1, 2, 3: a number that does not grow continues the count.
      const number = entryMatch[1] !== undefined && written <= previous ? previous + 1 : written;
      const textStart = lineStart + entryMatch[0].length;
      current = { start: lineStart, end: contentEnd, number, line: lines.lineOf(lineStart), text: '', textSpan: { start: textStart, end: contentEnd } };
      entries.push(current);
    } else if (contentEnd === lineStart) {
      current = undefined;
    } else if (current) {
      current.end = contentEnd;
      current.textSpan.end = contentEnd;
    }
    lineStart = lineEnd + 1;
  }
  if (entries.length === 0) return undefined;
  for (const entry of entries) entry.text = text.slice(entry.textSpan.start, entry.textSpan.end);
  return { start, entries };
}

const BIBITEM = /\\bibitem[ \t]*(?:\[([^\]\n]*)\])?[ \t]*\{([^{}\n]*)\}/g;

function findBibitems(text: string): ManuscriptReferenceList | undefined {
  const comments = new LatexComments(text);
  const begin = uncommentedIndexOf(text, '\\begin{thebibliography}', comments);
  if (begin < 0) return undefined;
  let stop = text.indexOf('\\end{thebibliography}', begin);
  if (stop < 0) stop = text.length;
  const lines = new LineIndex(text);
  const entries: ReferenceListEntry[] = [];
  BIBITEM.lastIndex = begin;
  for (let match = BIBITEM.exec(text); match && match.index < stop && entries.length < MAX_REFERENCE_LIST_ENTRIES; match = BIBITEM.exec(text)) {
    if (comments.isCommentedOut(match.index)) continue;
    const previous = entries[entries.length - 1];
    if (previous) closeEntry(text, previous, match.index);
    const textStart = skipBlank(text, match.index + match[0].length, stop);
    const entry: ReferenceListEntry = {
      start: match.index,
      end: stop,
      number: entries.length + 1,
      key: match[2]!.trim(),
      line: lines.lineOf(match.index),
      text: '',
      textSpan: { start: textStart, end: stop },
    };
    if (match[1] !== undefined) entry.label = match[1];
    entries.push(entry);
  }
  const last = entries[entries.length - 1];
  if (!last) return undefined;
  closeEntry(text, last, stop);
  return { start: begin, entries };
}

function closeEntry(text: string, entry: ReferenceListEntry, next: number): void {
  let end = next;
  while (end > entry.textSpan.start && isSpace(text.charCodeAt(end - 1))) end--;
  entry.end = end;
  entry.textSpan.end = Math.max(entry.textSpan.start, end);
  entry.text = text.slice(entry.textSpan.start, entry.textSpan.end);
}

function uncommentedIndexOf(text: string, needle: string, comments: LatexComments): number {
  for (let found = text.indexOf(needle); found >= 0; found = text.indexOf(needle, found + 1)) {
    if (!comments.isCommentedOut(found)) return found;
  }
  return -1;
}

function skipBlank(text: string, from: number, stop: number): number {
  let j = from;
  while (j < stop && isSpace(text.charCodeAt(j))) j++;
  return j;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** 0-based line numbers of offsets, by binary search over the line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', j + 1)) this.starts.push(j + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
