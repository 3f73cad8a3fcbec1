/**
 * Flags a citation the document cannot resolve: a number outside its numbering (its own reference list when it has
 * one, else the review's), a key that neither its own list, its bibliographies nor the review defines, or a Manubot
 * `tag:` that no definition line gives. Messages name where the rule looked.
 */
import type { DocumentReferences } from '../knowledge';
import type { CitationEntry } from '../manuscript/types';
import type { Finding, Rule, RuleContext } from './types';

/** Pandoc cross-references ([@fig:flow]) look like citations but point at the document's own figures and tables. */
const CROSS_REFERENCE = /^(fig|sec|tbl|eq|lst|table|figure|chap|app):/i;

export const unknownCitation: Rule = {
  code: 'unknown-citation',
  summary: "A cited number outside the document's numbering (its reference list, else the review's), or a key nothing defines.",
  defaultSeverity: 'error',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const citation of context.citations) {
      for (const entry of citation.entries) {
        const message = problemWith(entry, context);
        if (!message) continue;
        findings.push({ code: 'unknown-citation', start: entry.start, end: entry.end, message, data: { written: entry.text } });
      }
    }
    return findings;
  },
};

function problemWith(entry: CitationEntry, context: RuleContext): string | undefined {
  const { references } = context;
  const known = (number: number) => references.resolveNumber(number) !== undefined;
  if (entry.kind === 'number' && entry.from !== undefined && !known(entry.from)) {
    return `[${entry.from}] is not ${numberingPlace(references)}.`;
  }
  if (entry.kind === 'range' && entry.from !== undefined && entry.to !== undefined) {
    if (entry.problem === 'reversed-range' || entry.problem === 'dangling-range') return undefined;
    const low = Math.min(entry.from, entry.to);
    const high = Math.max(entry.from, entry.to);
    if (known(low) && known(high)) return undefined;
    return `[${entry.text}] reaches past ${numberingRun(references)}.`;
  }
  if (entry.kind === 'key' && entry.key !== undefined) {
    if (CROSS_REFERENCE.test(entry.key) || entry.key === '*') return undefined;
    if (references.resolveKey(entry.key) || context.definedKeys.has(entry.key)) return undefined;
    return unknownKeyMessage(entry.key, context);
  }
  if (entry.kind === 'identifier' && entry.identifier?.wellFormed && entry.identifier.scheme === 'tag' && entry.key !== undefined) {
    if (context.definedKeys.has(entry.key)) return undefined;
    return `No \`[@${entry.key}]: …\` line defines this tag in the manuscript or its project.`;
  }
  return undefined;
}

/** "one of the review's 54 references (they run from 1 to 54)", "in the manuscript's reference list (entries 1–120)". */
function numberingPlace(references: DocumentReferences): string {
  const { low, high, count } = numberSpan(references);
  if (references.numbering === 'review') return `one of the review's ${count} references (they run from ${low} to ${high})`;
  return `in ${references.numbered.source.label} (entries ${low}–${high})`;
}

function numberingRun(references: DocumentReferences): string {
  const { low, high } = numberSpan(references);
  if (references.numbering === 'review') return `the review's references, which run from ${low} to ${high}`;
  return `${references.numbered.source.label}, whose entries run from ${low} to ${high}`;
}

function numberSpan(references: DocumentReferences): { low: number; high: number; count: number } {
  let low = Infinity;
  let high = 0;
  for (const number of references.numbered.numbers) {
    if (number <= 0) continue;
    low = Math.min(low, number);
    high = Math.max(high, number);
  }
  return { low: Number.isFinite(low) ? low : 0, high, count: references.numbered.references.length };
}

/** Says which bibliographies were searched, or that the document names none, and what the review's keys look like. */
function unknownKeyMessage(key: string, context: RuleContext): string {
  const { references } = context;
  const searched = references.sources.filter((source) => source.source.kind === 'bibliography').map((source) => source.source.label);
  const example = context.dataset.references[0]?.key ?? 'author2020';
  const reviewKeys = `the review's keys are first author and year, e.g. “${example}”`;
  if (searched.length > 0) return `No bibliography defines the key “${key}”: ${joinLabels(searched)} and the review do not have it.`;
  if (references.missingBibliographyIds.length > 0) return `No bibliography defines the key “${key}”: the document's bibliography could not be read, and ${reviewKeys}.`;
  return `No bibliography defines the key “${key}”: the document names no bibliography, and ${reviewKeys}.`;
}

function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 2) return labels.join(' and ');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
