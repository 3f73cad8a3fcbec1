/**
 * What a sentence is about in the review's terms (`scoreReferencesForText`, which the knowledge ranking uses for the
 * review's evidence), and the sentence at the cursor that completion and the citation picker rank for.
 */
import type { Dataset } from '../dataset';

/**
 * Scores how strongly the sentence is about each reference: the topics its words signal, weighted by the topics the
 * review cites the reference for, plus the statements whose subject and object the sentence mentions.
 */
export function scoreReferencesForText(dataset: Dataset, sentence: string): Map<number, number> {
  const scores = new Map<number, number>();
  const add = (number: number, amount: number) => scores.set(number, (scores.get(number) ?? 0) + amount);
  const lower = sentence.toLowerCase();

  const topicScores = dataset.topicScores(sentence);
  for (const reference of dataset.references) {
    for (const topic of reference.topics) {
      const score = topicScores.get(topic);
      if (score) add(reference.number, score);
    }
  }

  const mentioned = new Set(dataset.findTermMentions(sentence).map((mention) => mention.term.id));
  for (const statement of dataset.statements) {
    const aboutSubject = mentioned.has(statement.subject);
    const aboutObject = statement.objectCues.some((cue) => lower.includes(cue));
    if (!aboutSubject && !aboutObject) continue;
    // Naming only the subject says little when the review has many statements about it ("the secretome").
    const subjectOnly = 1 / dataset.statementsAbout(statement.subject).length;
    // A statement backed by one paper says more about that paper than one backed by a group of eight.
    const weight = (aboutSubject && aboutObject ? 3 : aboutSubject ? subjectOnly : 1) / Math.sqrt(statement.refs.length);
    for (const number of statement.refs) add(number, weight);
  }
  return scores;
}

/** How far either side of the cursor the ranking looks for the sentence being written. */
const sentenceWindow = 600;
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The sentence around the cursor, without the citation being typed (from `citationStart` to the cursor), for ranking.
 * Only a window around the cursor is segmented, so completion never waits for the whole document's sentences.
 */
export function sentenceAroundCursor(text: string, offset: number, citationStart = offset): string {
  const paragraphBreak = /\n[ \t]*\n/g;
  const windowStart = Math.max(0, citationStart - sentenceWindow);
  let start = windowStart;
  for (const match of text.slice(windowStart, citationStart).matchAll(paragraphBreak)) {
    start = windowStart + match.index! + match[0].length;
  }
  const after = text.slice(offset, offset + sentenceWindow);
  const nextBreak = after.search(paragraphBreak);
  const end = offset + (nextBreak === -1 ? after.length : nextBreak);
  const window = text.slice(start, citationStart) + ' ' + text.slice(offset, end);
  const cursor = citationStart - start;
  let sentence = window;
  for (const segment of sentenceSegmenter.segment(window)) {
    // The citation belongs to the sentence it ends, so a segment that starts at the cursor is the next sentence.
    if (segment.index < cursor) sentence = segment.segment;
    else break;
  }
  return sentence;
}
