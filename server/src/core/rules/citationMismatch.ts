/**
 * Flags a cited sentence whose references are all papers the review cites, none of them the ones the review cites
 * for what the sentence says, and names those. A sentence citing anything the review does not know is left alone:
 * the review cannot say it is the wrong reference.
 */
import type { NotClaimReason } from '../claims/analysis';
import { findContradiction, reviewSupport } from '../claims/verdicts';
import { formatReferenceNumbers } from '../format';
import type { Finding, Fix, Rule, RuleContext } from './types';
import {
  citationFor,
  describeCitedFor,
  describeReference,
  listAtMost,
  quoteStatement,
  reviewPapersNamed,
  trimmedSentence,
} from './wording';

/** A heading, caption or recommendation that cites something still names what it cites it for. */
const CHECKED_EVEN_IF_NOT_A_CLAIM: ReadonlySet<NotClaimReason> = new Set(['heading', 'caption', 'recommendation']);

export const citationMismatch: Rule = {
  code: 'citation-mismatch',
  summary: 'The cited references are papers of the review, but not the ones it cites for this subject.',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const ownNumbering = context.references.numbering === 'own-list';
    for (const analysis of context.sentences) {
      if (analysis.knownNumbers.length === 0 || analysis.citesOutsideReview) continue;
      if (analysis.notClaim && !CHECKED_EVEN_IF_NOT_A_CLAIM.has(analysis.notClaim)) continue;
      if (findContradiction(context.dataset, analysis)) continue;
      const support = reviewSupport(context.dataset, analysis, analysis.knownNumbers);
      if (!support || analysis.knownNumbers.some((number) => support.refs.includes(number))) continue;
      const range = trimmedSentence(analysis.sentence);
      // In a document with its own numbering, the cited papers are named as the writer wrote them and by author.
      const cited = ownNumbering
        ? `${analysis.citations.map((citation) => context.text.slice(citation.start, citation.end)).join(' ')} (${reviewPapersNamed(context.references, analysis.knownNumbers)})`
        : formatReferenceNumbers(analysis.knownNumbers);
      // The quote already ends with the review's numbers; in a document with its own numbering the papers are named.
      const expected = ownNumbering ? reviewPapersNamed(context.references, support.refs) : formatReferenceNumbers(support.refs);
      const reason = support.statement
        ? `The review cites ${expected} for this: ${quoteStatement(support.statement, context.references)}`
        : `The review's reference for this is ${listAtMost(support.refs.map((number) => describeWithTitle(context, number)))}`;
      const citedFor = describeCitedFor(context.dataset, analysis.knownNumbers, context.references);
      const fixes: Fix[] = [];
      if (analysis.citations.length === 1) {
        const citation = analysis.citations[0];
        const written = context.text.slice(citation.start, citation.end);
        const replacement = citationFor(context.references, support.refs, citation.syntax, citation.command);
        if (replacement) {
          fixes.push({
            title: `Cite ${ownNumbering ? replacement : formatReferenceNumbers(support.refs)} instead`,
            edits: [{ from: citation.start - range.start, to: citation.end - range.start, expect: written, newText: replacement }],
            preferred: true,
          });
        }
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
  const described = describeReference(context.dataset, number, context.references);
  return title ? `${described}, “${title}”` : described;
}
