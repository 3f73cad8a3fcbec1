/**
 * What a sentence is about in the review's terms (`scoreReferencesForText`, used by the knowledge ranking), and the
 * sentence at the cursor. `rankReferences` (the review's 54 only, fuse.js) is left for the rules' single-reference
 * fix until it moves to `references.rank`; completion and the citation picker rank through `citationCandidates.ts`.
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
  const queryScores = query ? searchReferences(dataset, query) : undefined;
  const prefix = options.numberPrefix;
  const exclude = options.exclude;
  const candidates: RankedReference[] = [];
  for (const reference of dataset.references) {
    const queryScore = queryScores?.get(reference.number);
    if (queryScores && queryScore === undefined) continue;
    if (prefix && !String(reference.number).startsWith(prefix)) continue;
    if (exclude?.has(reference.number)) continue;
    candidates.push({ reference, contextScore: context.get(reference.number) ?? 0, queryScore });
  }
  return candidates.sort(
    (a, b) => queryBand(a) - queryBand(b) || b.contextScore - a.contextScore || a.reference.number - b.reference.number,
  );
}

/**
 * Scores close to each other count as equally good matches, so the sentence decides between them (typing
 * "secretome" matches many titles equally well; a sentence about wounds then puts the wound papers first).
 */
function queryBand(candidate: RankedReference): number {
  return candidate.queryScore === undefined ? 0 : Math.round(candidate.queryScore * 20);
}

/**
 * Where a query word matched says how much it means: the first author or the key names the paper, a title word or a
 * topic only describes it. Added to Fuse's 0..1 distance.
 */
const fieldPenalty = { firstAuthor: 0, key: 0, author: 0.05, year: 0.05, title: 0.1, journal: 0.1, topic: 0.15, citedFor: 0.2 };
type Field = keyof typeof fieldPenalty;

interface TokenIndex {
  tokens: string[];
  fuse: Fuse<string>;
  /** For each token, the references it occurs in and the best (lowest) field penalty there. */
  references: Map<string, Map<number, number>>;
  /** The tokens that begin with a letter (cached per letter: typing `[C` asks on every keystroke). */
  singleLetter(letter: string): string[];
}

const tokenIndexes = new WeakMap<Dataset, TokenIndex>();

/**
 * Fuzzy search by word: each query word is matched with Fuse.js against the distinct words of the references (short
 * strings, so typo-tolerant matching stays fast), and a reference must match every query word. Returns each matching
 * reference's mean distance.
 */
function searchReferences(dataset: Dataset, query: string): Map<number, number> {
  const index = tokenIndexFor(dataset);
  const words = searchWords(query);
  // One letter typed (`[C`) is only the start of a word: offer the references with a word that begins with it.
  if (words.length === 0) words.push(...firstLetterOf(query));
  let result: Map<number, number> | undefined;
  for (const word of words) {
    const best = new Map<number, number>();
    for (const match of matchingTokens(index, word)) {
      for (const [number, penalty] of index.references.get(match.token)!) {
        // One letter names a paper by its authors, key or title; topics and "cited for" words would match them all.
        if (word.length === 1 && penalty > fieldPenalty.title) continue;
        const score = match.score + penalty;
        if (score < (best.get(number) ?? Infinity)) best.set(number, score);
      }
    }
    if (!result) {
      result = best;
      continue;
    }
    const combined = new Map<number, number>();
    for (const [number, score] of result) {
      const other = best.get(number);
      if (other !== undefined) combined.set(number, score + other);
    }
    result = combined;
  }
  if (!result) return new Map();
  for (const [number, score] of result) result.set(number, score / words.length);
  return result;
}

/**
 * Words of the references that the query word begins (an exact start scores 0, as the user is still typing); only
 * when none does is the word taken for a typo and matched fuzzily, which costs a Fuse.js pass over every word.
 */
function matchingTokens(index: TokenIndex, word: string): { token: string; score: number }[] {
  // A single letter is too short to be a typo of anything: begin-with matches only.
  if (word.length === 1) return index.singleLetter(word).map((token) => ({ token, score: 0 }));
  const prefixed = index.tokens.filter((token) => token.startsWith(word)).map((token) => ({ token, score: 0 }));
  if (prefixed.length > 0) return prefixed;
  return index.fuse.search(word).map((match) => ({ token: match.item, score: match.score ?? 0 }));
}

/** The query's only letter, folded like searchWords, when the query is a single letter (or nothing). */
function firstLetterOf(query: string): string[] {
  const folded = query.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return /^\p{L}$/u.test(folded) ? [folded] : [];
}

/** The words a search compares: accents folded, lower case, two characters or more. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
}

function tokenIndexFor(dataset: Dataset): TokenIndex {
  let index = tokenIndexes.get(dataset);
  if (index) return index;
  const references = new Map<string, Map<number, number>>();
  const addTokens = (number: number, text: string, field: Field) => {
    for (const token of searchWords(text)) {
      let entry = references.get(token);
      if (!entry) references.set(token, (entry = new Map()));
      entry.set(number, Math.min(entry.get(number) ?? Infinity, fieldPenalty[field]));
    }
  };
  for (const reference of dataset.references) {
    addTokens(reference.number, reference.firstAuthor, 'firstAuthor');
    addTokens(reference.number, reference.key, 'key');
    addTokens(reference.number, reference.authors, 'author');
    addTokens(reference.number, String(reference.year), 'year');
    addTokens(reference.number, reference.title, 'title');
    addTokens(reference.number, reference.journal, 'journal');
    for (const topic of reference.topics) addTokens(reference.number, dataset.topic(topic)?.label ?? topic, 'topic');
    addTokens(reference.number, reference.citedFor, 'citedFor');
  }
  const tokens = [...references.keys()];
  const fuse = new Fuse(tokens, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 2 });
  const byLetter = new Map<string, string[]>();
  const singleLetter = (letter: string) => {
    let found = byLetter.get(letter);
    if (!found) byLetter.set(letter, (found = tokens.filter((token) => token.startsWith(letter))));
    return found;
  };
  index = { tokens, fuse, references, singleLetter };
  tokenIndexes.set(dataset, index);
  return index;
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
