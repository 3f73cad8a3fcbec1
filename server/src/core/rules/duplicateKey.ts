/**
 * Flags a citation of a key that two of the document's bibliographies define as different papers: the key resolves
 * to the first file named, silently, and the writer may have meant the other. Entries with the same DOI, or the same
 * title and year, are one paper listed twice and are not flagged; a `\bibitem` of the document's own list wins over
 * every bibliography, so its key is not flagged either.
 */
import { samePaper } from '../knowledge/linking';
import type { Reference } from '../knowledge/model';
import type { Finding, Rule, RuleContext } from './types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  summary: 'A cited key that two of the bibliographies the manuscript names define as different papers (the first file named is used).',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const citation of context.citations) {
      for (const entry of citation.entries) {
        if (entry.kind !== 'key' || entry.key === undefined) continue;
        const message = duplicateMessage(entry.key, context);
        if (message) findings.push({ code: 'duplicate-key', start: entry.start, end: entry.end, message, data: { written: entry.text } });
      }
    }
    return findings;
  },
};

function duplicateMessage(key: string, context: RuleContext): string | undefined {
  const { references } = context;
  if (references.ownListDefines(key)) return undefined;
  const [used, ...others] = references.bibliographyDefinitionsOf(key);
  if (!used) return undefined;
  const different = others.filter((other) => !samePaper(used.item, other.item));
  if (different.length === 0) return undefined;
  const files = [used, ...different].map(placeOf);
  return `“${key}” is defined in both ${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}, as different papers; the entry in ${used.source.label} is used (the file named first).`;
}

/** "refs.bib" or "refs.bib, line 12". */
function placeOf(reference: Reference): string {
  const line = reference.location?.line;
  return line === undefined ? reference.source.label : `${reference.source.label} (line ${line + 1})`;
}
