/** Flags a sentence whose verb pushes one of the review's statements the other way ("FGF suppresses stem cell proliferation"). */
import { findContradiction } from '../claims/verdicts';
import type { Finding, Rule, RuleContext } from './types';
import { quoteStatement, trimmedSentence } from './wording';

export const contradictedClaim: Rule = {
  code: 'contradicted-claim',
  summary: 'A sentence that states the opposite of what the review says.',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      const contradiction = findContradiction(context.dataset, analysis);
      if (!contradiction) continue;
      const { statement } = contradiction;
      const range = trimmedSentence(analysis.sentence);
      findings.push({
        code: 'contradicted-claim',
        start: range.start,
        end: range.end,
        message: `The review says the opposite about ${statement.object}: ${quoteStatement(statement, context.references)}.`,
        related: [{ message: `The review (section ${statement.section}): ${quoteStatement(statement, context.references)}` }],
        data: { written: range.text, refs: statement.refs, statementId: statement.id },
      });
    }
    return findings;
  },
};
