/**
 * Ranks the review's references for a sentence being written, optionally filtered by a typed query.
 * Completion and the "insert supporting citation" quick fix share it, so both suggest the same references first.
 */
import Fuse from 'fuse.js';
import type { Dataset } from '../dataset';
import type { Reference } from '../datasetTypes';

export interface RankedReference {
  reference: Reference;
  /** How well the reference fits the sentence (0 when nothing in the sentence points at it). */
  contextScore: number;
  /** Fuse.js distance to the query, 0 = exact; undefined when there was no text query. */
  queryScore?: number;
}

export interface RankingOptions {
  /** Free text typed after `[` or in a key: author, title word, journal, year, topic; typos tolerated. */
  query?: string;
  /** Only references whose number starts with these digits (typing `[4`). */
  numberPrefix?: string;
  /** References to leave out (already cited in the same citation). */
  exclude?: ReadonlySet<number>;
}

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

/** The references ordered for completion: query relevance first (when typed), then fit to the sentence, then number. */
export function rankReferences(dataset: Dataset, sentence: string, options: RankingOptions = {}): RankedReference[] {
  const context = scoreReferencesForText(dataset, sentence);
  const query = options.query?.trim();
  let candidates: RankedReference[];
  if (query) {
    candidates = fuseFor(dataset)
      .search(query)
      .map((result) => ({
        reference: result.item,
        contextScore: context.get(result.item.number) ?? 0,
        queryScore: result.score ?? 0,
      }));
  } else {
    candidates = dataset.references.map((reference) => ({
      reference,
      contextScore: context.get(reference.number) ?? 0,
    }));
  }
  const prefix = options.numberPrefix;
  const exclude = options.exclude;
  return candidates
    .filter((candidate) => !prefix || String(candidate.reference.number).startsWith(prefix))
    .filter((candidate) => !exclude?.has(candidate.reference.number))
    .sort(
      (a, b) =>
        queryBand(a) - queryBand(b) ||
        b.contextScore - a.contextScore ||
        a.reference.number - b.reference.number,
    );
}

/**
 * Fuse scores closer than one band apart count as equally good matches, so the sentence decides between them
 * (typing "secretome" matches many titles equally well; the sentence about wounds picks the wound papers).
 */
function queryBand(candidate: RankedReference): number {
  return candidate.queryScore === undefined ? 0 : Math.round(candidate.queryScore * 10);
}

const fuseIndexes = new WeakMap<Dataset, Fuse<Reference>>();

function fuseFor(dataset: Dataset): Fuse<Reference> {
  let fuse = fuseIndexes.get(dataset);
  if (!fuse) {
    const topicLabels = new Map(dataset.raw.topics.map((topic) => [topic.id, topic.label]));
    fuse = new Fuse([...dataset.references], {
      includeScore: true,
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: 0.35,
      minMatchCharLength: 2,
      keys: [
        { name: 'firstAuthor', weight: 4 },
        { name: 'authors', weight: 2 },
        { name: 'key', weight: 2 },
        { name: 'title', weight: 2 },
        { name: 'journal', weight: 1.5 },
        { name: 'year', weight: 1.5, getFn: (reference) => String(reference.year) },
        { name: 'topics', weight: 1, getFn: (reference) => reference.topics.map((id) => topicLabels.get(id) ?? id) },
        { name: 'citedFor', weight: 0.5 },
      ],
    });
    fuseIndexes.set(dataset, fuse);
  }
  return fuse;
}
