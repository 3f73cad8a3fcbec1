/**
 * A BibTeX or BibLaTeX file (.bib) read into the reference model: one Reference per entry, with the CSL item its
 * fields make (crossref and xdata inherited, LaTeX decoded), and one SourceProblem for each entry that could not be
 * read, each duplicate key, and each limit reached. Pure: text in, SourceReading out.
 */
import type { Reference, ReferenceSource, SourceProblem, SourceReading } from '../knowledge/model';
import { cslItemOf } from './bibtexCsl';
import { inheritFields } from './bibtexInheritance';
import { scanBibtex, type RawEntry } from './bibtexSyntax';
import { lineCounter } from './lines';
import { defaultReadingLimits, sourceOf, tooLarge, type ReadingLimits } from './limits';

/** Entry types that hold data for others and are not themselves cited. */
const dataOnlyTypes = new Set(['xdata']);

export function readBibtex(text: string, uri: string, limits: Partial<ReadingLimits> = {}): SourceReading {
  const { maxEntries, maxTextLength, maxValueLength, maxMacroText } = { ...defaultReadingLimits, ...limits };
  const source: ReferenceSource = sourceOf(uri);
  if (text.length > maxTextLength) return tooLarge(uri, text.length, maxTextLength);
  const lines = lineCounter(text);
  const syntax = scanBibtex(text, { maxEntries, maxValueLength, maxMacroText }, (offset) => lines.line(offset));

  const problems: SourceProblem[] = [];
  const at = (offset: number) => ({ uri, ...lines.position(offset) });
  for (const problem of syntax.problems) problems.push({ location: at(problem.offset), severity: problem.severity, code: problem.code, message: problem.message });

  // BibTeX keys are case-insensitive: the first entry with a key counts, a later one is a duplicate.
  const byKey = new Map<string, RawEntry>();
  const kept: RawEntry[] = [];
  for (const entry of syntax.entries) {
    const folded = entry.key.toLowerCase();
    const first = byKey.get(folded);
    if (first) {
      problems.push({
        location: at(entry.offset),
        severity: 'warning',
        code: 'duplicate-key',
        message: `duplicate key ${entry.key}: the entry on line ${lines.line(first.offset) + 1} already defines it; this one is ignored`,
      });
      continue;
    }
    byKey.set(folded, entry);
    kept.push(entry);
  }
  for (const { entry, missing } of inheritFields(kept, byKey)) {
    problems.push({
      location: at(entry.offset),
      severity: 'warning',
      code: 'missing-crossref',
      message: `${entry.key} inherits from ${missing}, which no entry in this file defines`,
    });
  }

  const references: Reference[] = [];
  for (const entry of kept) {
    if (dataOnlyTypes.has(entry.type)) continue;
    try {
      references.push({ source, key: entry.key, item: cslItemOf(entry.key, entry.type, entry.fields), location: at(entry.offset) });
    } catch (error) {
      // A field no rule foresaw: lose the entry, never the file.
      problems.push({ location: at(entry.offset), severity: 'error', code: 'bad-entry', message: `cannot read ${entry.key}: ${(error as Error).message}` });
    }
  }
  problems.sort((a, b) => a.location.line - b.location.line || a.location.character - b.location.character);
  return { references, problems };
}
