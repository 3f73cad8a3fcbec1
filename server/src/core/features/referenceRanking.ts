/**
 * What a sentence is about in the review's terms (`scoreReferencesForText`, which the knowledge ranking uses for the
 * review's evidence), and the sentence at the cursor that completion and the citation picker rank for.
 */
import type { CitationGroup } from '../citationGroups';
import type { Dataset } from '../dataset';

/**
 * Scores how strongly the sentence is about each reference. The references of the group the review cites for what
 * the sentence says (`leadingGroupTier` above the rest) come first; then, within and outside that group, the fit: the
 * topics its words signal, weighted by the topics the review cites the reference for, plus the statements whose
 * subject and object the sentence mentions.
 */
export function scoreReferencesForText(dataset: Dataset, sentence: string): Map<number, number> {
  const scores = new Map<number, number>();
  const add = (number: number, amount: number) => scores.set(number, (scores.get(number) ?? 0) + amount);
  const groups = dataset.citationGroups;
  const groupScores = new Map<CitationGroup, number>();
  const addToGroup = (group: CitationGroup | undefined, amount: number) => {
    if (group) groupScores.set(group, (groupScores.get(group) ?? 0) + amount);
  };
  const lower = sentence.toLowerCase();

  const topicScores = dataset.topicScores(sentence);
  for (const reference of dataset.references) {
    for (const topic of reference.topics) {
      const score = topicScores.get(topic);
      if (score) add(reference.number, score);
    }
  }
  for (const [topic, score] of topicScores) for (const [group, weight] of groups.forTopic(topic)) addToGroup(group, score * weight);

  // Per group, what of the sentence its statements match (the subject, the object cues) and how well: the same words
  // matching several of a group's statements ("inflammation" in the skin, the kidneys, the joints) count once.
  const groupMatches = new Map<CitationGroup, Map<string, number>>();
  const mentioned = new Set(dataset.findTermMentions(sentence).map((mention) => mention.term.id));
  for (const statement of dataset.statements) {
    const aboutSubject = mentioned.has(statement.subject);
    const cues = statement.objectCues.filter((cue) => lower.includes(cue));
    const aboutObject = cues.length > 0;
    if (!aboutSubject && !aboutObject) continue;
    // Naming only the subject says little when the review has many statements about it ("the secretome").
    const subjectOnly = 1 / dataset.statementsAbout(statement.subject).length;
    const match = aboutSubject && aboutObject ? 3 : aboutSubject ? subjectOnly : 1;
    // A statement backed by one paper says more about that paper than one backed by a group of eight.
    const weight = match / Math.sqrt(statement.refs.length);
    for (const number of statement.refs) add(number, weight);
    // But the statement is the review's own sentence citing its group: the group as a whole gets the full match.
    const matched = `${aboutSubject ? statement.subject : ''}|${cues.join('|')}`;
    const cited = new Set(statement.refs.map((number) => groups.groupOf(number)));
    for (const group of cited) {
      if (!group) continue;
      let matches = groupMatches.get(group);
      if (!matches) groupMatches.set(group, (matches = new Map()));
      matches.set(matched, Math.max(matches.get(matched) ?? 0, match / cited.size));
    }
  }
  for (const [group, matches] of groupMatches) for (const match of matches.values()) addToGroup(group, match);

  let best = 0;
  for (const score of groupScores.values()) best = Math.max(best, score);
  if (best >= leadingGroupEvidence) {
    for (const [group, score] of groupScores) {
      if (score === best) for (const number of group.numbers) add(number, leadingGroupTier);
    }
  }
  return scores;
}

/**
 * What membership of the leading group adds to a reference's score: more than any fit a sentence can give, so the
 * group the review cites for the sentence's topic comes first, its references in order of fit.
 */
export const leadingGroupTier = 1000;

/**
 * The least evidence for a group to lead: a cue of a topic the review cites only that group for, or one of its
 * statements the sentence names. Less (a topic whose papers are spread over many groups) leaves the order to the fit.
 */
const leadingGroupEvidence = 1;

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
