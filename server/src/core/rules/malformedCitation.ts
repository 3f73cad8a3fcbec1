/**
 * Flags a reversed or dangling range, an empty citation or entry, an entry cited twice in one citation, a
 * persistent identifier (`@doi:`, `@pmid:`…) whose syntax is wrong for its scheme, and a citation of more entries
 * than the analysis reads (once, for the whole citation).
 */
import { MAX_ENTRIES_PER_CITATION } from '../manuscript/limits';
import type { Citation, CitationEntry } from '../manuscript/types';
import type { Finding, Fix, Rule, RuleContext } from './types';

export const malformedCitation: Rule = {
  code: 'malformed-citation',
  summary: 'A reversed or dangling range, an empty entry, a reference cited twice in one citation, or a malformed identifier.',
  defaultSeverity: 'error',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const citation of context.citations) {
      if (citation.omittedEntries) {
        const total = (citation.entries.length + citation.omittedEntries).toLocaleString('en-US');
        // At the citation's opening (`[`, `\cite{`): the whole citation may be megabytes long.
        const end = Math.max(citation.start + 1, citation.inner.start);
        findings.push({
          code: 'malformed-citation',
          start: citation.start,
          end,
          message: `This citation lists ${total} entries; only the first ${MAX_ENTRIES_PER_CITATION.toLocaleString('en-US')} are checked.`,
          data: { written: context.text.slice(citation.start, end) },
        });
      }
      citation.entries.forEach((entry, index) => {
        const problem = entry.problem;
        if (!problem || problem === 'absurd-range') return;
        const empty = entry.end <= entry.start;
        const start = empty ? citation.start : entry.start;
        const end = empty ? citation.end : entry.end;
        const written = context.text.slice(start, end);
        findings.push({
          code: 'malformed-citation',
          start,
          end,
          message: describe(entry, citation),
          data: { written, fixes: fixFor(entry, index, citation, context.text) },
        });
      });
    }
    return findings;
  },
};

function describe(entry: CitationEntry, citation: Citation): string {
  switch (entry.problem) {
    case 'reversed-range':
      return `The range ${entry.text} runs backwards; write it as ${entry.to}-${entry.from}.`;
    case 'dangling-range':
      return `The range “${entry.text}” is missing one end.`;
    case 'empty':
      return citation.entries.length <= 1 ? 'This citation is empty.' : 'This citation has an empty entry.';
    case 'duplicate':
      return `${entry.text} is cited twice in the same citation.`;
    case 'malformed-identifier':
      return `“${entry.text}” is not a well-formed ${entry.identifier?.scheme ?? 'identifier'}. ${entry.identifier?.problem ?? ''}`.trim();
    default:
      return 'This citation is malformed.';
  }
}

function fixFor(entry: CitationEntry, index: number, citation: Citation, text: string): Fix[] {
  if (entry.problem === 'reversed-range') {
    const parts = /^(\s*)(\d+)(\s*[-–—]\s*)(\d+)(\s*)$/.exec(entry.text);
    if (!parts) return [];
    const swapped = `${parts[1]}${parts[4]}${parts[3]}${parts[2]}${parts[5]}`;
    return [{ title: `Write the range as ${parts[4]}${parts[3].trim()}${parts[2]}`, edits: [{ from: 0, to: entry.text.length, expect: entry.text, newText: swapped }], preferred: true }];
  }
  if (entry.problem === 'duplicate' && index > 0) {
    // Remove the separator before the entry with it: "[13, 13]" becomes "[13]".
    const previous = citation.entries[index - 1];
    const from = previous.end - entry.start;
    return [{ title: `Remove the repeated ${entry.text}`, edits: [{ from, to: entry.end - entry.start, expect: text.slice(previous.end, entry.end), newText: '' }], preferred: true }];
  }
  return [];
}
