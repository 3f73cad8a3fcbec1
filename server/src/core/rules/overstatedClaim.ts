/** Flags certainty beyond the evidence ("cures", "proves", "always", "completely safe") in a claim the review supports only with preclinical or early evidence. */
import type { SentenceAnalysis } from '../claims/analysis';
import { closestStatements, statementsOnObject } from '../claims/evidence';
import { CERTAINTY_CUES } from '../claims/lexicon';
import type { Dataset } from '../dataset';
import type { EvidenceStrength, Statement } from '../datasetTypes';
import type { Finding, Rule, RuleContext } from './types';
import { quoteStatement } from './wording';

const STRENGTH_WORDING: Record<EvidenceStrength, string> = {
  reported: 'reported by studies, not settled',
  preclinical: 'preclinical (animal and in vitro studies)',
  'clinical-trial': 'a single early clinical trial',
  'under-investigation': 'still under investigation',
  recommendation: 'a need the review names, not a finding',
};

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
          const start = match.index;
          const end = start + match[0].length;
          if (taken.some(([from, to]) => start < to && end > from)) continue;
          if (insideCitation(analysis, start)) continue;
          taken.push([start, end]);
          const written = match[0];
          const softer = matchCase(written, cue.soften(written));
          const basis = evidence
            ? ` The review's evidence is ${STRENGTH_WORDING[evidence.strength]}: ${quoteStatement(evidence)}.`
            : ' The review reports preclinical and early clinical evidence only.';
          findings.push({
            code: 'overstated-claim',
            start: analysis.sentence.start + start,
            end: analysis.sentence.start + end,
            message: `“${written}” claims more certainty than the evidence allows.${basis}`,
            related: evidence ? [{ message: `The review: ${quoteStatement(evidence)}` }] : undefined,
            data: {
              written,
              refs: evidence?.refs,
              statementId: evidence?.id,
              fixes: [{ title: `Soften to “${softer}”`, edits: [{ from: 0, to: written.length, expect: written, newText: softer }], preferred: true }],
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
