/** Flags certainty beyond the evidence ("cures", "proves", "always", "completely safe") in a claim the review supports only with preclinical or early evidence. */
import type { SentenceAnalysis } from '../claims/analysis';
import { closestStatements, statementsOnObject } from '../claims/evidence';
import { CERTAINTY_CUES } from '../claims/lexicon';
import type { Dataset } from '../dataset';
import { describeStrength, FIELD_EVIDENCE } from '../claims/strengthWording';
import type { EvidenceStrength, Statement } from '../datasetTypes';
import type { Finding, Fix, Rule, RuleContext } from './types';
import { quoteStatement } from './wording';

export const overstatedClaim: Rule = {
  code: 'overstated-claim',
  summary: 'Certainty beyond the evidence ("cures", "proves", "always", "completely safe").',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      if (!analysis.isClaim || !analysis.cues.includes('certainty')) continue;
      const evidence = evidenceFor(context.dataset, analysis) ?? fieldVerdict(context.dataset);
      const text = analysis.sentence.text;
      const taken: Array<[number, number]> = [];
      for (const cue of CERTAINTY_CUES) {
        const pattern = new RegExp(cue.pattern.source, 'gi');
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          const rewritten = match[0];
          // The underline covers the certainty words; the fix may also rewrite a copula or verb beside them.
          const claim = match.groups?.claim ?? rewritten;
          const claimOffset = rewritten.lastIndexOf(claim);
          const start = match.index + claimOffset;
          const end = start + claim.length;
          if (taken.some(([from, to]) => match.index < to && match.index + rewritten.length > from)) continue;
          if (insideCitation(analysis, start)) continue;
          taken.push([match.index, match.index + rewritten.length]);
          const written = claim;
          const softened = cue.soften(rewritten);
          const softer = softened === undefined ? undefined : matchCase(rewritten, softened);
          const basis = evidence
            ? ` In the review this is ${describeStrength(evidence.strength)}: ${quoteStatement(evidence, context.references)}.`
            : ` ${FIELD_EVIDENCE}`;
          const fixes: Fix[] = softer
            ? [
                {
                  title: `Soften to “${softer}”`,
                  edits: [{ from: -claimOffset, to: rewritten.length - claimOffset, expect: rewritten, newText: softer }],
                  preferred: true,
                },
              ]
            : [];
          findings.push({
            code: 'overstated-claim',
            start: analysis.sentence.start + start,
            end: analysis.sentence.start + end,
            message: `“${written}” claims more certainty than the evidence allows.${basis}`,
            related: evidence ? [{ message: `The review: ${quoteStatement(evidence, context.references)}` }] : undefined,
            data: {
              written,
              refs: evidence?.refs,
              statementId: evidence?.id,
              fixes,
            },
          });
        }
      }
    }
    return findings;
  },
};

const STRENGTH_ORDER: EvidenceStrength[] = ['under-investigation', 'preclinical', 'clinical-trial', 'reported', 'recommendation'];

/** Of the statements, the one with the weakest evidence: that is the bar the wording must meet. */
function weakest(statements: readonly Statement[]): Statement | undefined {
  const findings = statements.filter((statement) => statement.strength !== 'recommendation');
  findings.sort((a, b) => STRENGTH_ORDER.indexOf(a.strength) - STRENGTH_ORDER.indexOf(b.strength));
  return findings[0];
}

/** The statement that sets the bar: of those closest to the sentence, the one with the weakest evidence. */
function evidenceFor(dataset: Dataset, analysis: SentenceAnalysis): Statement | undefined {
  return (
    weakest(closestStatements(dataset, analysis)) ??
    weakest(analysis.matches.map((match) => match.statement)) ??
    weakest(statementsOnObject(dataset, analysis))
  );
}

const verdicts = new WeakMap<Dataset, Statement | null>();

/** The review's own verdict on the field when nothing more specific matches: safety and efficacy are under investigation. */
function fieldVerdict(dataset: Dataset): Statement | undefined {
  if (!verdicts.has(dataset)) {
    const found =
      dataset.statements.find((statement) => statement.strength === 'under-investigation' && /efficacy/.test(statement.object)) ??
      dataset.statements.find((statement) => statement.strength === 'under-investigation');
    verdicts.set(dataset, found ?? null);
  }
  return verdicts.get(dataset) ?? undefined;
}

function insideCitation(analysis: SentenceAnalysis, relativeStart: number): boolean {
  const at = analysis.sentence.start + relativeStart;
  return analysis.citations.some((citation) => at >= citation.start && at < citation.end);
}

/** "Always" softens to "Often": keep the capital of a sentence-initial word. */
function matchCase(written: string, replacement: string): string {
  return /^[A-Z]/.test(written) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}
