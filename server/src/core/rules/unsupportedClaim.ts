/** Flags a sentence that asserts a finding or effect (an effect verb on a secretome subject, "studies have shown", a quantity) and cites nothing. */
import { rankReferences } from '../features/referenceRanking';
import { formatReferenceNumbers } from '../format';
import type { Fix, Finding, Rule, RuleContext } from './types';
import { describeReference, insertCitationEdit, quoteStatement, trimmedSentence, writeCitation } from './wording';

/** Single-reference suggestions offered besides the review's own citation group. */
const MAX_SINGLE_SUGGESTIONS = 3;

export const unsupportedClaim: Rule = {
  code: 'unsupported-claim',
  summary: 'A sentence that asserts a finding or effect and cites nothing.',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      if (!analysis.isClaim || analysis.citations.length > 0) continue;
      const range = trimmedSentence(analysis.sentence);
      const statement = analysis.matches[0]?.statement;
      const fixes: Fix[] = [];
      if (statement) {
        fixes.push({
          title: `Cite ${formatReferenceNumbers(statement.refs)}, as the review does for this`,
          edits: [insertCitationEdit(range.text, writeCitation(context.dataset, statement.refs, context.citationStyle))],
          preferred: true,
        });
      }
      const ranked = rankReferences(context.dataset, range.text)
        .filter((candidate) => candidate.contextScore > 0)
        .slice(0, MAX_SINGLE_SUGGESTIONS);
      for (const candidate of ranked) {
        const number = candidate.reference.number;
        fixes.push({
          title: `Cite ${describeReference(context.dataset, number)}`,
          edits: [insertCitationEdit(range.text, writeCitation(context.dataset, [number], context.citationStyle))],
          preferred: fixes.length === 0,
        });
      }
      const why = describeCues(analysis.cues);
      const message = statement
        ? `This sentence ${why} but cites nothing. The review supports it with ${quoteStatement(statement)}.`
        : `This sentence ${why} but cites nothing.${ranked.length ? ` References on this topic: ${ranked.map((c) => describeReference(context.dataset, c.reference.number)).join('; ')}.` : ''}`;
      findings.push({
        code: 'unsupported-claim',
        start: range.start,
        end: range.end,
        message,
        related: statement ? [{ message: `The review: ${quoteStatement(statement)}` }] : undefined,
        data: {
          written: range.text,
          fixes,
          refs: statement ? statement.refs : ranked.map((candidate) => candidate.reference.number),
          statementId: statement?.id,
        },
      });
    }
    return findings;
  },
};

function describeCues(cues: readonly string[]): string {
  if (cues.includes('reporting')) return 'reports what studies have shown';
  if (cues.includes('quantity')) return 'states a measured result';
  return 'asserts an effect';
}
