/**
 * Citation worthiness: how likely authors are to cite a sentence, from a logistic regression over hashed features.
 * This one module extracts the features for both training (scripts/train.ts) and scoring, so the two cannot drift;
 * FEATURE_SPEC names the feature set, and a model trained on another spec is refused.
 */
import { EFFECT_VERBS, FIRST_PERSON, HEDGE_WORDS, QUANTITY_CUES, RECOMMENDATION_CUES, REPORTING_CUES } from './lexicon';

/** Bump when any feature changes: weights trained on an older spec no longer mean the same thing. */
export const FEATURE_SPEC = 'cw-4';

/** Where a sentence sits: the nearest heading, its neighbours in the paragraph, and its position. */
export interface SentenceContext {
  section?: string;
  previous?: string;
  next?: string;
  /** Index of the sentence in its paragraph, from 0. */
  index: number;
  /** Number of sentences in the paragraph. */
  paragraphLength: number;
}

/** The contexts of a paragraph's sentences, in order, under one heading. */
export function paragraphContexts(sentences: readonly string[], section?: string): SentenceContext[] {
  return sentences.map((_, index) => ({
    section,
    previous: sentences[index - 1],
    next: sentences[index + 1],
    index,
    paragraphLength: sentences.length,
  }));
}

/** Sparse features: hashed slots with their values (a slot may repeat; values add up). */
export interface Features {
  slots: number[];
  values: number[];
}

export interface FeatureOptions {
  /** log2 of the number of hashed slots. */
  hashBits: number;
  /** Weight of a neighbouring sentence's words relative to the sentence's own. */
  neighbourWeight: number;
  /** Weight of word pairs relative to single words (pairs are sparser and fit one document's wording). */
  bigramWeight: number;
}

const UNITS =
  /\b\d+(?:\.\d+)?\s?(mg|µg|ug|ng|pg|kg|g|ml|µl|ul|l|mm|cm|µm|um|nm|m|h|hr|hrs|hours?|min|minutes?|s|sec|days?|weeks?|months?|years?|kda|bp|kb|mb|gb|mol|mm|µm|nm|°c|x)\b/i;
const PERCENT = /\d\s?%|\bper ?cent\b/i;
const P_VALUE = /\bp\s?[<=≤>]\s?0?\.\d/i;
const YEAR = /\b(19|20)\d\d\b/;
const FIGURE_MENTION = /\b(figure|fig\.|table|supplementary|section)\s+(x|s?\d+)/i;
const DEFINITION = /\b(is|are) (a|an|the) (\w+ )?(method|approach|technique|tool|process|family|class|type|form|group|set|measure|protein|gene|molecule)\b|\b(known as|referred to as|defined as|termed|called)\b/i;
const HISTORY = /\b(first|originally|initially|previously|recently|traditionally|historically|since|decades?|widely|commonly|frequently|extensively)\b/i;
const SYNTHESIS = /^\s*(these|this|together|taken together|overall|collectively|in summary|in conclusion|thus|therefore|hence)\b/i;
const CITED_WORK = /\bet al\b|\bcolleagues\b|\bco-workers\b/i;
const PRESENT_PERFECT = /\b(has|have) been\b/i;
const RECEIVED_VIEW = /\b(is|are) (thought|believed|known|considered|reported|suggested)\b/i;
const OTHERS_WORK = /\b(studies|reports|work|evidence|literature)\b/i;
const WORD = /[a-z\u00c0-\u024f\u0370-\u03ff][a-z0-9\u00c0-\u024f\u0370-\u03ff'’-]*|\d+(?:[.,]\d+)*/g;

/** Lower-cased words with numbers folded into classes, so "12" and "37" look alike. */
export function wordsOf(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.map((word) => {
    const first = word.charCodeAt(0);
    if (first >= 48 && first <= 57) return /^(19|20)\d\d$/.test(word) ? '<year>' : word.includes('.') || word.includes(',') ? '<dec>' : '<int>';
    const last = word[word.length - 1];
    return last === "'" || last === '’' || last === '-' ? word.replace(/['’-]+$/, '') : word;
  });
}

/** The last few sentences' words: a paragraph's sentences are read again as their neighbours' context. */
const recentWords = new Map<string, string[]>();
function wordsOfCached(text: string): string[] {
  let words = recentWords.get(text);
  if (!words) {
    words = wordsOf(text);
    if (recentWords.size >= 8) recentWords.delete(recentWords.keys().next().value!);
    recentWords.set(text, words);
  }
  return words;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over the UTF-16 code units, going on from `state`: hashing a prefix then the rest equals hashing both. */
function hashOn(state: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    state ^= text.charCodeAt(i);
    state = Math.imul(state, 0x01000193);
  }
  return state;
}

/** Where each feature goes: training collects them, scoring adds up their weights as they come. */
type FeatureSink = (slot: number, value: number) => void;

/** The features of one sentence in its context. */
export function featuresOf(sentence: string, context: SentenceContext, options: FeatureOptions): Features {
  const slots: number[] = [];
  const values: number[] = [];
  extractFeatures(sentence, context, options, (slot, value) => {
    slots.push(slot);
    values.push(value);
  });
  return { slots, values };
}

/** FNV states after each prefix, so a feature's name is never built as a string to be hashed. */
const prefixStates = new Map<string, number>();
const stateOf = (prefix: string) => {
  let state = prefixStates.get(prefix);
  if (state === undefined) prefixStates.set(prefix, (state = hashOn(FNV_OFFSET, prefix)));
  return state;
};

function extractFeatures(sentence: string, context: SentenceContext, options: FeatureOptions, sink: FeatureSink): void {
  const mask = (1 << options.hashBits) - 1;
  const add = (name: string, value = 1) => sink((hashOn(FNV_OFFSET, name) >>> 0) & mask, value);
  /** add(prefix + text) without the concatenation. */
  const addWith = (prefix: string, text: string, value: number) => sink((hashOn(stateOf(prefix), text) >>> 0) & mask, value);
  add('bias');

  const words = wordsOfCached(sentence);
  // Own words, scaled so long sentences do not dominate by their length alone.
  const wordScale = 1 / Math.sqrt(Math.max(1, words.length));
  for (let i = 0; i < words.length; i++) {
    addWith('w:', words[i], wordScale * 2);
    if (options.bigramWeight > 0 && i + 1 < words.length) add('b:' + words[i] + ' ' + words[i + 1], wordScale * options.bigramWeight);
  }
  // The opening words often say what kind of sentence this is ("These results", "Here we", "X is a").
  add('o1:' + (words[0] ?? ''));
  add('o2:' + (words[0] ?? '') + ' ' + (words[1] ?? ''));

  for (const [prefix, text] of [['p:', context.previous], ['n:', context.next]] as const) {
    if (text === undefined) {
      add(prefix + '<none>');
      continue;
    }
    const neighbour = wordsOfCached(text);
    const scale = options.neighbourWeight / Math.sqrt(Math.max(1, neighbour.length));
    for (const word of neighbour) addWith(prefix, word, scale);
    add(prefix + 'o:' + (neighbour[0] ?? ''), options.neighbourWeight);
  }

  const section = (context.section ?? '').toLowerCase().trim();
  add('sec:' + section);
  // The heading's words too: "Results of the screen" and "Results" say the same about citing.
  const sectionWords = wordsOf(section);
  for (const word of sectionWords) addWith('sw:', word, 0.5 / Math.sqrt(sectionWords.length));

  const { index, paragraphLength } = context;
  if (index === 0) add('pos:first');
  if (index === paragraphLength - 1) add('pos:last');
  if (paragraphLength === 1) add('pos:only');
  add('pos:i' + Math.min(index, 5));
  add('pos:len' + Math.min(paragraphLength, 8));

  add('len:' + Math.min(Math.floor(words.length / 6), 8));
  const cue = (name: string, present: boolean) => {
    if (present) add('c:' + name);
  };
  cue('percent', PERCENT.test(sentence));
  cue('unit', UNITS.test(sentence));
  cue('pvalue', P_VALUE.test(sentence));
  cue('year', YEAR.test(sentence));
  cue('quantity', QUANTITY_CUES.test(sentence));
  cue('reporting', REPORTING_CUES.test(sentence));
  cue('recommendation', RECOMMENDATION_CUES.test(sentence));
  cue('firstPerson', FIRST_PERSON.test(sentence));
  cue('figure', FIGURE_MENTION.test(sentence));
  cue('definition', DEFINITION.test(sentence));
  cue('history', HISTORY.test(sentence));
  cue('synthesis', SYNTHESIS.test(sentence));
  cue('question', sentence.trim().endsWith('?'));
  cue('parenthesis', sentence.includes('('));
  cue('colon', sentence.includes(':'));
  let hedges = 0;
  let effects = 0;
  for (const word of words) {
    if (HEDGE_WORDS.has(word)) hedges++;
    if (EFFECT_VERBS.has(word)) effects++;
  }
  add('c:hedges' + Math.min(hedges, 3));
  add('c:effects' + Math.min(effects, 3));
  // Signs of reporting others' work: names in the running text, "has been", "is thought", "studies".
  let names = 0;
  const tokens = sentence.split(/\s+/);
  for (let i = 1; i < tokens.length; i++) if (/^[A-Z][a-z]+/.test(tokens[i])) names++;
  add('sh:caps' + Math.min(names, 4));
  cue('citedWork', CITED_WORK.test(sentence));
  cue('presentPerfect', PRESENT_PERFECT.test(sentence));
  cue('receivedView', RECEIVED_VIEW.test(sentence));
  cue('othersWork', OTHERS_WORK.test(sentence));
  cue('we', /\b(we|our)\b/i.test(sentence));
  add('sh:past' + Math.min(words.filter((word) => word.endsWith('ed')).length, 3));
  const capitalised = sentence.match(/\b[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*\b/g)?.length ?? 0;
  add('c:acronyms' + Math.min(capitalised, 4));
}

/** The serialised model: quantised weights and how they were made. */
export interface CitationWorthinessModel {
  spec: string;
  hashBits: number;
  neighbourWeight: number;
  bigramWeight: number;
  /** Weight = int16 value × scale. */
  scale: number;
  /** Little-endian int16 weights, base64. */
  weights: string;
  /** Probability thresholds for the operating points, chosen on training data. */
  thresholds: Record<string, number>;
  training: Record<string, unknown>;
  dev?: Record<string, unknown>;
}

/** A model ready to score: dequantised once. */
export interface LoadedModel {
  options: FeatureOptions;
  weights: Float32Array;
  thresholds: Record<string, number>;
}

export function loadModel(model: CitationWorthinessModel): LoadedModel {
  if (model.spec !== FEATURE_SPEC) throw new Error(`citation-worthiness model is for features ${model.spec}, the code has ${FEATURE_SPEC}`);
  const bytes = base64Bytes(model.weights);
  const size = 1 << model.hashBits;
  if (bytes.length !== size * 2) throw new Error(`citation-worthiness model has ${bytes.length} bytes, expected ${size * 2}`);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const unsigned = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    weights[i] = (unsigned >= 0x8000 ? unsigned - 0x10000 : unsigned) * model.scale;
  }
  return { options: { hashBits: model.hashBits, neighbourWeight: model.neighbourWeight, bigramWeight: model.bigramWeight }, weights, thresholds: model.thresholds };
}

/** Linear score of features under weights (the logit). */
export function logitOf(weights: ArrayLike<number>, features: Features): number {
  let sum = 0;
  for (let i = 0; i < features.slots.length; i++) sum += weights[features.slots[i]] * features.values[i];
  return sum;
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

/** The probability that authors would cite this sentence. */
export function scoreSentence(model: LoadedModel, sentence: string, context: SentenceContext): number {
  const weights = model.weights;
  let logit = 0;
  extractFeatures(sentence, context, model.options, (slot, value) => (logit += weights[slot] * value));
  return sigmoid(logit);
}

/** int16 little-endian weights ↔ base64, without Buffer (the core has no Node APIs). */
export function quantise(weights: ArrayLike<number>): { scale: number; base64: string } {
  let largest = 0;
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, Math.abs(weights[i]));
  const scale = largest > 0 ? largest / 32767 : 1;
  const bytes = new Uint8Array(weights.length * 2);
  for (let i = 0; i < weights.length; i++) {
    const value = Math.round(weights[i] / scale) & 0xffff;
    bytes[2 * i] = value & 0xff;
    bytes[2 * i + 1] = value >> 8;
  }
  return { scale, base64: bytesBase64(bytes) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function bytesBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    buffer = (buffer << 6) | ALPHABET.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}
