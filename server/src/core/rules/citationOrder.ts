/**
 * Flags a first citation whose number is not the next in order of first use, across the project's files in reading
 * order: in a manuscript with its own numbered list, where journals want references numbered as first cited. Off by
 * default (information when on); the quick fix renumbers the whole project. Review-numbered drafts are never flagged.
 */
import type { CitationEntry } from '../manuscript/types';
import { firstUseOf, listKeyNumbers } from '../project/firstUse';
import type { Finding, ProjectRule, ProjectRuleContext } from './types';

export const citationOrder: ProjectRule = {
  code: 'citation-order',
  summary: 'A reference first cited out of order: its number is not the next in order of first citation, across the manuscript.',
  defaultSeverity: 'information',
  defaultEnabled: false,
  checkProject(context: ProjectRuleContext): Finding[] {
    if (context.references.numbering !== 'own-list') return [];
    const use = firstUseOf(context.project.files, listKeyNumbers(context.project));
    const late = new Map<CitationEntry, { number: number; place: number }[]>();
    use.order.forEach((number, index) => {
      const first = use.first.get(number)!;
      if (number === index + 1 || first.fileIndex !== context.fileIndex) return;
      const list = late.get(first.entry) ?? [];
      list.push({ number, place: index + 1 });
      late.set(first.entry, list);
    });
    const findings: Finding[] = [];
    for (const [entry, numbers] of late) {
      findings.push({ code: 'citation-order', start: entry.start, end: entry.end, message: messageFor(numbers), data: { written: entry.text } });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};

function messageFor(numbers: { number: number; place: number }[]): string {
  if (numbers.length === 1) {
    const [{ number, place }] = numbers;
    return `Reference ${number} is first cited here, as the ${ordinal(place)} reference cited: numbered by first use it would be [${place}].`;
  }
  const which = joined(numbers.map(({ number }) => String(number)));
  const places = joined(numbers.map(({ place }) => ordinal(place)));
  const would = joined(numbers.map(({ place }) => `[${place}]`));
  return `References ${which} are first cited here, as the ${places} cited: numbered by first use they would be ${would}.`;
}

function joined(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
