/** Flags a cited number that is not one of the review's references, or a key that no bibliography defines. */
import type { CitationEntry } from '../manuscript/types';
import type { Finding, Rule, RuleContext } from './types';

/** Pandoc cross-references ([@fig:flow]) look like citations but point at the document's own figures and tables. */
const CROSS_REFERENCE = /^(fig|sec|tbl|eq|lst|table|figure|chap|app):/i;

export const unknownCitation: Rule = {
  code: 'unknown-citation',
  summary: "A cited number that is not one of the review's references, or a key that no bibliography defines.",
  defaultSeverity: 'error',
  check(context: RuleContext): Finding[] {
    const count = context.dataset.references.length;
    const findings: Finding[] = [];
    for (const citation of context.citations) {
      for (const entry of citation.entries) {
        const message = problemWith(entry, context, count);
        if (!message) continue;
        findings.push({ code: 'unknown-citation', start: entry.start, end: entry.end, message, data: { written: entry.text } });
      }
    }
    return findings;
  },
};

function problemWith(entry: CitationEntry, context: RuleContext, count: number): string | undefined {
  const known = (number: number) => Boolean(context.dataset.reference(number));
  if (entry.kind === 'number' && entry.from !== undefined && !known(entry.from)) {
    return `[${entry.from}] is not one of the review's ${count} references (they run from 1 to ${count}).`;
  }
  if (entry.kind === 'range' && entry.from !== undefined && entry.to !== undefined) {
    if (entry.problem === 'reversed-range' || entry.problem === 'dangling-range') return undefined;
    const low = Math.min(entry.from, entry.to);
    const high = Math.max(entry.from, entry.to);
    if (known(low) && known(high)) return undefined;
    return `[${entry.text}] reaches past the review's references, which run from 1 to ${count}.`;
  }
  if (entry.kind === 'key' && entry.key !== undefined) {
    if (CROSS_REFERENCE.test(entry.key)) return undefined;
    if (context.knownKeys.has(entry.key.toLowerCase())) return undefined;
    return `No bibliography defines the key “${entry.key}”; the review's keys are first author and year, e.g. “${context.dataset.references[0]?.key ?? 'author2020'}”.`;
  }
  return undefined;
}
