/**
 * What claim analysis precomputes once per dataset: statement objects and non-term subjects as stemmed phrases,
 * and reference titles as weighted words, so a sentence is matched with token lookups instead of string scans.
 */
import type { Dataset } from '../dataset';
import type { Statement } from '../datasetTypes';
import { STOPWORDS, tokenize, type Token } from './words';

export interface DatasetIndex {
  /** Statement id → its object cues as stem sequences. */
  objectPhrases: Map<string, string[][]>;
  /** Subject id (areas, routes and other non-term subjects) → cue phrases as stem sequences. */
  subjectPhrases: Map<string, string[][]>;
  /** Reference number → the distinctive stems of its title. */
  titleStems: Map<number, Set<string>>;
  /** How rare a title stem is across the reference list (inverse document frequency). */
  titleWeight: Map<string, number>;
  /** Title stem → the references whose titles contain it. */
  titlesWith: Map<string, number[]>;
  /** Subject id → the statements with that subject, in dataset order. */
  statementsBySubject: Map<string, Statement[]>;
  /** Keys the dataset defines, lower-case. */
  keys: Set<string>;
}

const indexes = new WeakMap<Dataset, DatasetIndex>();

export function datasetIndex(dataset: Dataset): DatasetIndex {
  let index = indexes.get(dataset);
  if (!index) {
    index = buildIndex(dataset);
    indexes.set(dataset, index);
  }
  return index;
}

function buildIndex(dataset: Dataset): DatasetIndex {
  const objectPhrases = new Map<string, string[][]>();
  for (const statement of dataset.statements) {
    objectPhrases.set(statement.id, statement.objectCues.map(stems).filter((phrase) => phrase.length > 0));
  }
  const termIds = new Set(dataset.terms.map((term) => term.id));
  const subjectPhrases = new Map<string, string[][]>();
  const subjectIds = new Set(dataset.statements.map((statement) => statement.subject).filter((id) => !termIds.has(id)));
  for (const area of dataset.areas) {
    if (!subjectIds.has(area.id)) continue;
    subjectPhrases.set(area.id, [area.name, ...area.cues].map(stems).filter((phrase) => phrase.length > 0));
  }

  const titleStems = new Map<number, Set<string>>();
  const documentFrequency = new Map<string, number>();
  const titlesWith = new Map<string, number[]>();
  for (const reference of dataset.references) {
    const distinct = new Set(tokenize(reference.title).filter((token) => isContentWord(token.word)).map((token) => token.stem));
    titleStems.set(reference.number, distinct);
    for (const stem of distinct) {
      documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
      titlesWith.set(stem, [...(titlesWith.get(stem) ?? []), reference.number]);
    }
  }
  const titleWeight = new Map<string, number>();
  const total = dataset.references.length;
  for (const [stem, count] of documentFrequency) titleWeight.set(stem, Math.log((total + 1) / count));
  const keys = new Set(dataset.references.map((reference) => reference.key.toLowerCase()));
  const statementsBySubject = new Map<string, Statement[]>();
  for (const statement of dataset.statements) statementsBySubject.set(statement.subject, [...(statementsBySubject.get(statement.subject) ?? []), statement]);
  return { objectPhrases, subjectPhrases, titleStems, titleWeight, titlesWith, statementsBySubject, keys };
}

export function stems(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.stem);
}

export function isContentWord(word: string): boolean {
  return word.length > 2 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
}

/** Index of the first token where the stem sequence starts, or -1. */
export function findPhrase(tokens: readonly Token[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  const first = phrase[0];
  if (!tokens.some((token) => token.stem === first)) return -1;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j].stem !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

export interface TitleMatch {
  number: number;
  /** Sum of the weights of the title words the sentence shares. */
  score: number;
  /** How many distinctive title words the sentence shares. */
  shared: number;
}

/** References whose titles share distinctive words with the sentence, best first. */
export function matchTitles(dataset: Dataset, tokens: readonly Token[]): TitleMatch[] {
  const index = datasetIndex(dataset);
  const sentenceStems = new Set(tokens.filter((token) => isContentWord(token.word)).map((token) => token.stem));
  const byNumber = new Map<number, TitleMatch>();
  for (const stem of sentenceStems) {
    const weight = index.titleWeight.get(stem);
    if (weight === undefined) continue;
    for (const number of index.titlesWith.get(stem) ?? []) {
      let match = byNumber.get(number);
      if (!match) byNumber.set(number, (match = { number, score: 0, shared: 0 }));
      match.score += weight;
      if (weight >= 1.5) match.shared++;
    }
  }
  return [...byNumber.values()].sort((a, b) => b.score - a.score || a.number - b.number);
}
