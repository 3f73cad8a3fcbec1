/** Flags a sentence that asserts a finding or effect (an effect verb on a secretome subject, "studies have shown", a quantity) and cites nothing. */
import { rankReferences } from '../features/referenceRanking';
import { formatReferenceNumbers } from '../format';
import type { Dataset } from '../dataset';
import type { CitationStyle, Fix, Finding, Rule, RuleContext } from './types';
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
      // Ranking every reference costs more than the rest of the analysis: when the review's statement already names
      // the references, the single-reference fixes wait until the user asks for fixes (see singleReferenceFixes).
      const ranked = statement ? [] : rankedFor(context, range.text);
      fixes.push(...ranked.map((number, index) => citeOne(context.dataset, context.citationStyle, range.text, number, !statement && index === 0)));
      const why = describeCues(analysis.cues);
      const message = statement
        ? `This sentence ${why} but cites nothing. The review supports it with ${quoteStatement(statement)}.`
        : `This sentence ${why} but cites nothing.${ranked.length ? ` References on this topic: ${ranked.map((number) => describeReference(context.dataset, number)).join('; ')}.` : ''}`;
      findings.push({
        code: 'unsupported-claim',
        start: range.start,
        end: range.end,
        message,
        related: statement ? [{ message: `The review: ${quoteStatement(statement)}` }] : undefined,
        data: {
          written: range.text,
          fixes,
          refs: statement ? statement.refs : ranked,
          statementId: statement?.id,
        },
      });
    }
    return findings;
  },
};

function rankedFor(context: { dataset: Dataset }, text: string): number[] {
  return rankReferences(context.dataset, text)
    .filter((candidate) => candidate.contextScore > 0)
    .slice(0, MAX_SINGLE_SUGGESTIONS)
    .map((candidate) => candidate.reference.number);
}

function citeOne(dataset: Dataset, style: CitationStyle, sentence: string, number: number, preferred: boolean): Fix {
  return {
    title: `Cite ${describeReference(dataset, number)}`,
    edits: [insertCitationEdit(sentence, writeCitation(dataset, [number], style))],
    preferred,
  };
}

/**
 * The single-reference fixes for an unsupported claim, ranked as citation completion ranks them
 * (features/referenceRanking.ts); code actions add them when the finding carried only the review's group.
 */
export function singleReferenceFixes(dataset: Dataset, style: CitationStyle, sentence: string, existing: readonly Fix[]): Fix[] {
  const titles = new Set(existing.map((fix) => fix.title));
  return rankedFor({ dataset }, sentence)
    .map((number) => citeOne(dataset, style, sentence, number, false))
    .filter((fix) => !titles.has(fix.title));
}

function describeCues(cues: readonly string[]): string {
  if (cues.includes('reporting')) return 'reports what studies have shown';
  if (cues.includes('quantity')) return 'states a measured result';
  return 'asserts an effect';
}
