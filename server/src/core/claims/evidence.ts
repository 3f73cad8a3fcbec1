/**
 * Which of the review's statements a claim is about, for the rules that quote the review back to the writer. A
 * statement that merely shares a subject with the sentence ("exosomes") is a weaker fit than one on the sentence's
 * own topics ("Parkinson's" → the nervous-system statements), so candidates are ordered by topic overlap.
 */
import type { Dataset } from '../dataset';
import type { Statement } from '../datasetTypes';
import type { SentenceAnalysis } from './analysis';
import { datasetIndex, findPhrase } from './datasetIndex';

/** The statements closest to the sentence: all those sharing the best topic overlap, matched statements first. */
export function closestStatements(dataset: Dataset, analysis: SentenceAnalysis): Statement[] {
  const lower = analysis.sentence.text.toLowerCase();
  const candidates = new Set<Statement>([
    ...analysis.matches.map((match) => match.statement),
    ...statementsOnObject(dataset, analysis),
    ...dataset.areas
      .filter((area) => area.cues.some((cue) => lower.includes(cue)))
      .flatMap((area) => area.statements.map((id) => dataset.statement(id)).filter((statement) => statement !== undefined)),
  ]);
  const topics = dataset.topicScores(analysis.sentence.text);
  let closest: Statement[] = [];
  let bestOverlap = 0;
  for (const statement of candidates) {
    const overlap = statement.topics.reduce((sum, topic) => sum + (topics.get(topic) ?? 0), 0);
    if (overlap > bestOverlap) {
      closest = [statement];
      bestOverlap = overlap;
    } else if (overlap === bestOverlap && overlap > 0) closest.push(statement);
  }
  return closest;
}

/** Statements about what the sentence is about, whoever the subject: "stroke" finds the review's word on stroke. */
export function statementsOnObject(dataset: Dataset, analysis: SentenceAnalysis): Statement[] {
  const byFirstStem = objectPhrasesByFirstStem(dataset);
  const found = new Set<Statement>();
  for (const stem of new Set(analysis.tokens.map((token) => token.stem))) {
    for (const { statement, phrase } of byFirstStem.get(stem) ?? []) {
      if (!found.has(statement) && findPhrase(analysis.tokens, phrase) >= 0) found.add(statement);
    }
  }
  return dataset.statements.filter((statement) => found.has(statement));
}

const phraseIndexes = new WeakMap<Dataset, Map<string, { statement: Statement; phrase: string[] }[]>>();

/** Each statement's object phrases, by their first stem, so a sentence looks up only the phrases its words can start. */
function objectPhrasesByFirstStem(dataset: Dataset): Map<string, { statement: Statement; phrase: string[] }[]> {
  let index = phraseIndexes.get(dataset);
  if (index) return index;
  index = new Map();
  const { objectPhrases } = datasetIndex(dataset);
  for (const statement of dataset.statements) {
    for (const phrase of objectPhrases.get(statement.id) ?? []) {
      const entries = index.get(phrase[0]) ?? [];
      entries.push({ statement, phrase });
      index.set(phrase[0], entries);
    }
  }
  phraseIndexes.set(dataset, index);
  return index;
}
