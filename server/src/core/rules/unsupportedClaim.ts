/** Flags a sentence that asserts a finding or effect (an effect verb on a secretome subject, "studies have shown", a quantity) and cites nothing. */
import { bundledCitationModel } from '../claims/bundledCitationModel';
import { paragraphContexts, scoreSentence } from '../claims/citationWorthiness';
import { closestStatements } from '../claims/evidence';
import { formatReferenceNumbers } from '../format';
import type { Statement } from '../datasetTypes';
import type { DocumentReferences } from '../knowledge';
import type { Reference } from '../knowledge/model';
import { sentenceWords } from '../knowledge/search';
import { contentWords, wordForms } from '../knowledge/text';
import type { CitationStyle, Fix, Finding, Rule, RuleContext } from './types';
import { citationFor, citationOfReference, describeAnyReference, insertCitationEdit, quoteStatement, reviewNumbersText, trimmedSentence } from './wording';

/** Single-reference suggestions offered besides the review's own citation group. */
const MAX_SINGLE_SUGGESTIONS = 3;

export const unsupportedClaim: Rule = {
  code: 'unsupported-claim',
  summary: 'A sentence that asserts a finding or effect and cites nothing.',
  defaultSeverity: 'warning',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const needsCitation = citationNeed(context);
    for (const [index, analysis] of context.sentences.entries()) {
      if (analysis.citations.length > 0) continue;
      const need = needsCitation(index);
      if (need === 'no') continue;
      const range = trimmedSentence(analysis.sentence);
      // The closest statement by topic; among equals, one about the sentence's own subject, then the one backed by the
      // fewest references, which is the most specific.
      const matched = new Set(analysis.matches.map((match) => match.statement));
      const closest = closestStatements(context.dataset, analysis).sort(
        (a, b) => Number(matched.has(b)) - Number(matched.has(a)) || a.refs.length - b.refs.length,
      );
      if (citedLaterInParagraph(context, index, closest)) continue;
      const statement = closest[0] ?? analysis.matches[0]?.statement;
      const fixes: Fix[] = [];
      // Only a citation the document can resolve: in one with its own list, its entries that are the review's papers.
      const citation = statement && citationFor(context.references, statement.refs, context.citationStyle);
      if (statement && citation) {
        const ownNumbering = context.references.numbering === 'own-list';
        fixes.push({
          title: ownNumbering
            ? `Cite ${citation}, as the review does for this (${reviewNumbersText(statement.refs, context.references)})`
            : `Cite ${formatReferenceNumbers(statement.refs)}, as the review does for this`,
          edits: [insertCitationEdit(range.text, citation)],
          preferred: true,
        });
      }
      // Ranking every reference costs more than the rest of the analysis, so single-reference fixes wait until the
      // user asks for fixes (codeActions calls singleReferenceFixes).
      const why = need === 'model' ? 'states a specific finding; such sentences are usually cited,' : describeCues(analysis.cues);
      const message = statement
        ? `This sentence ${why} but cites nothing. The review supports it with ${quoteStatement(statement, context.references)}.`
        : `This sentence ${why} but cites nothing, and the review has no statement on it: cite the source it rests on.`;
      findings.push({
        code: 'unsupported-claim',
        start: range.start,
        end: range.end,
        message,
        related: statement ? [{ message: `The review: ${quoteStatement(statement, context.references)}` }] : undefined,
        data: {
          written: range.text,
          fixes,
          refs: statement?.refs,
          statementId: statement?.id,
        },
      });
    }
    return findings;
  },
};

type Need = 'no' | 'rule' | 'model';

/**
 * Which uncited sentences of the paragraph need a citation. With `rules`, the claim rules alone decide (an effect, a
 * reported finding, a quantity). With a sensitivity, the citation-worthiness model adds the prose sentences it scores
 * above the sensitivity's threshold, explained plainly when no rule cue applies. A claim the rules flag always stands:
 * the model's corpus holds no text on the secretome, so it cannot judge the review's own subject, and scores "The
 * secretome suppresses microglial activation" low. The writer's own methods, aims, questions, hypotheses and
 * recommendations are never flagged.
 */
function citationNeed(context: RuleContext): (index: number) => Need {
  const sensitivity = context.citationSensitivity;
  const byRules = (index: number): Need => (context.sentences[index].isClaim ? 'rule' : 'no');
  if (!sensitivity || sensitivity === 'rules') return byRules;
  const model = bundledCitationModel();
  const threshold = model.thresholds[sensitivity];
  const texts = context.sentences.map((analysis) => analysis.sentence.text);
  const contexts = paragraphContexts(texts, context.section);
  return (index) => {
    const analysis = context.sentences[index];
    if (analysis.isClaim) return 'rule';
    // The model learnt from paragraphs of prose; list items and captions are left to the rules.
    if (analysis.notClaim || analysis.sentence.kind !== 'prose') return 'no';
    return scoreSentence(model, texts[index], contexts[index]) >= threshold ? 'model' : 'no';
  };
}

/**
 * Writers often cite once, at the end of a paragraph, for all of it (the review itself does). A claim is covered when
 * a later sentence of its paragraph cites a reference that the review gives for one of the statements closest to the
 * claim and that is itself about that statement's topics: [14] (renal fibrosis) covers a kidney claim, but [17]
 * (chronic wounds) does not, though the review cites both within [11-18].
 */
function citedLaterInParagraph(context: RuleContext, index: number, closest: readonly Statement[]): boolean {
  if (closest.length === 0) return false;
  const covers = (number: number) => {
    const reference = context.dataset.reference(number);
    return (
      reference !== undefined &&
      closest.some((statement) => statement.refs.includes(number) && statement.topics.some((topic) => reference.topics.includes(topic)))
    );
  };
  return context.sentences.slice(index + 1).some((later) => later.knownNumbers.some(covers));
}

/**
 * The single-reference fixes for an unsupported claim: the scope's references ranked for the sentence as citation
 * completion ranks them (knowledge/ranking.ts), those with any evidence or word overlap, each written as the document
 * can cite it; code actions add them when the finding carried only the review's group.
 */
export function singleReferenceFixes(references: DocumentReferences, style: CitationStyle, sentence: string, existing: readonly Fix[]): Fix[] {
  const titles = new Set(existing.map((fix) => fix.title));
  // A reference the review's group fix already inserts alone is not offered twice under another name.
  const inserted = new Set(existing.flatMap((fix) => fix.edits.map((edit) => edit.newText)));
  const fixes: Fix[] = [];
  const ranked = references.rank({ sentence, limit: MAX_SINGLE_SUGGESTIONS }).references;
  const words = sentenceWords(sentence);
  for (const candidate of ranked) {
    if (candidate.reviewScore <= 0 && candidate.textScore <= 0) continue;
    // Without the review's evidence, one shared word ("approach") says nothing about what a paper is about.
    if (candidate.reviewScore <= 0 && sharedWordCount(words, candidate.reference) < 2) continue;
    const citation = citationOfReference(references, candidate.reference, style);
    if (!citation) continue;
    const title = `Cite ${describeAnyReference(references, candidate.reference, style)}`;
    const edit = insertCitationEdit(sentence, citation);
    if (titles.has(title) || inserted.has(edit.newText)) continue;
    titles.add(title);
    inserted.add(edit.newText);
    fixes.push({ title, edits: [edit], preferred: existing.length === 0 && fixes.length === 0 });
  }
  return fixes;
}

/** How many of the sentence's content words (in any of their forms) the reference's title or abstract has. */
function sharedWordCount(words: readonly string[][], reference: Reference): number {
  const own = new Set(contentWords(`${reference.item.title ?? ''} ${reference.item.abstract ?? ''}`).flatMap(wordForms));
  return words.filter((forms) => forms.some((form) => own.has(form))).length;
}

function describeCues(cues: readonly string[]): string {
  if (cues.includes('reporting')) return 'reports what studies have shown';
  if (cues.includes('quantity')) return 'states a measured result';
  return 'asserts an effect';
}
