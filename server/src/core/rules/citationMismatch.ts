/** Flags a cited sentence whose references are not the ones the review cites for what it says, and names those. */
import type { NotClaimReason } from '../claims/analysis';
import { findContradiction, reviewSupport } from '../claims/verdicts';
import { formatReferenceNumbers } from '../format';
import type { Finding, Fix, Rule, RuleContext } from './types';
import { describeCitedFor, describeReference, listAtMost, quoteStatement, trimmedSentence, writeCitation } from './wording';

/** A heading, caption or recommendation that cites something still names what it cites it for. */
const CHECKED_EVEN_IF_NOT_A_CLAIM: ReadonlySet<NotClaimReason> = new Set(['heading', 'caption', 'recommendation']);

export const citationMismatch: Rule = {
  code: 'citation-mismatch',
  summary: 'The cited references are not the ones the review cites for this subject.',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      if (analysis.knownNumbers.length === 0 || (analysis.notClaim && !CHECKED_EVEN_IF_NOT_A_CLAIM.has(analysis.notClaim))) continue;
      if (findContradiction(context.dataset, analysis)) continue;
      const support = reviewSupport(context.dataset, analysis, analysis.knownNumbers);
      if (!support || analysis.knownNumbers.some((number) => support.refs.includes(number))) continue;
      const range = trimmedSentence(analysis.sentence);
      const cited = formatReferenceNumbers(analysis.knownNumbers);
      const expected = formatReferenceNumbers(support.refs);
      const reason = support.statement
        ? `The review cites ${expected} for this: ${quoteStatement(support.statement)}`
        : `The review's reference for this is ${listAtMost(support.refs.map((number) => describeWithTitle(context, number)))}`;
      const citedFor = describeCitedFor(context.dataset, analysis.knownNumbers);
      const fixes: Fix[] = [];
      if (analysis.citations.length === 1) {
        const citation = analysis.citations[0];
        const written = context.text.slice(citation.start, citation.end);
        const replacement = writeCitation(context.dataset, support.refs, citation.syntax, citation.command);
        fixes.push({
          title: `Cite ${expected} instead`,
          edits: [{ from: citation.start - range.start, to: citation.end - range.start, expect: written, newText: replacement }],
          preferred: true,
        });
      }
      findings.push({
        code: 'citation-mismatch',
        start: range.start,
        end: range.end,
        message: `${cited} does not support this in the review. ${reason}.${citedFor ? ` (${citedFor}.)` : ''}`,
        related: [{ message: reason }],
        data: { written: range.text, refs: support.refs, statementId: support.statement?.id, fixes },
      });
    }
    return findings;
  },
};

function describeWithTitle(context: RuleContext, number: number): string {
  const title = context.dataset.reference(number)?.title;
  return title ? `${describeReference(context.dataset, number)}, “${title}”` : describeReference(context.dataset, number);
}
