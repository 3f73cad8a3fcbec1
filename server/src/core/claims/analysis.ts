/**
 * Reads one sentence the way the lint rules need it: is it a claim, what does it cite, which of the review's
 * statements is it about, and which way does its verb push their object. Rules share this so they agree.
 */
import type { Dataset, TermMention } from '../dataset';
import type { Polarity, Statement } from '../datasetTypes';
import type { DocumentReferences } from '../knowledge';
import type { Citation, Sentence } from '../manuscript/types';
import {
  ANY_CERTAINTY_CUE,
  EFFECT_PHRASES,
  EFFECT_VERBS,
  FINDING_BEFORE_TO,
  FIRST_PERSON,
  HYPOTHESIS_CUES,
  DIRECTIONS,
  METHODS_PASSIVE,
  NEGATING_BEFORE_GERUND,
  NEGATING_BEFORE_TO,
  NEGATIONS,
  NO_EFFECT_PHRASE,
  OWN_FIGURE_CUES,
  PHRASAL_PARTICLES,
  QUANTITY_CUES,
  RECOMMENDATION_CUES,
  REPORTING_CUES,
  STRUCTURE_CUES,
  SUBJECT_CUES,
  VERB_POSITION_BEFORE,
} from './lexicon';
import { datasetIndex, findPhrase } from './datasetIndex';
import { tokenize, type Token } from './words';

export type NotClaimReason =
  | 'heading'
  | 'caption'
  | 'question'
  | 'structure'
  | 'own-work'
  | 'methods'
  | 'recommendation'
  | 'hypothesis'
  | 'no-words'
  | 'too-long';

export type ClaimCue = 'effect' | 'reporting' | 'quantity' | 'certainty';

/** An effect verb as used in the sentence; offsets relative to the sentence. */
export interface Effect {
  lemma: string;
  /** Direction after negation, on an object that is a benefit: "does not promote" is a decrease. */
  polarity: Polarity;
  /** "Worsens", "improves": turns around when the object is a harm ("worsens fibrosis" is more fibrosis). */
  evaluative?: boolean;
  /** "Has little effect on", "does not affect": the writer says there is no effect either way. */
  noEffect?: boolean;
  start: number;
  end: number;
}

/** A statement of the review that the sentence talks about: same subject, same object. */
export interface StatementMatch {
  statement: Statement;
  /** The sentence's own direction toward the statement's object, when a verb links the two. */
  polarity?: Polarity;
  /** The verb linking the two says there is no effect ("fails to affect", "has little effect on"). */
  noEffect?: boolean;
  /** Where the subject and object were found (relative to the sentence), for ordering and messages. */
  subjectStart: number;
  objectStart: number;
}

export interface SentenceAnalysis {
  sentence: Sentence;
  tokens: Token[];
  /** Citations inside the sentence or directly after it. */
  citations: Citation[];
  /**
   * The review numbers of the cited references that are papers the review cites, in order: the review's evidence is
   * read in its own numbering, whatever numbering the document uses.
   */
  knownNumbers: number[];
  /**
   * The sentence cites something the review does not know: a resolved reference with no review number, or a
   * persistent identifier. Such a citation is never called a mismatch: the review cannot judge it.
   */
  citesOutsideReview: boolean;
  mentions: TermMention[];
  effects: Effect[];
  cues: ClaimCue[];
  notClaim?: NotClaimReason;
  /** A claim that asserts a finding or effect; only claims are checked for support, contradictions and certainty. */
  isClaim: boolean;
  matches: StatementMatch[];
}

/** Sentences longer than this are not prose a person wrote (a pasted table, a binary blob); they are not read as claims. */
const MAX_CLAIM_LENGTH = 3000;

export function analyseSentence(dataset: Dataset, sentence: Sentence, citations: Citation[], references: DocumentReferences): SentenceAnalysis {
  const text = sentence.text;
  const tooLong = text.length > MAX_CLAIM_LENGTH;
  const tokens = tooLong ? [] : tokenize(text);
  const mentions = tooLong ? [] : dataset.findTermMentions(text, 0);
  const { knownNumbers, citesOutsideReview } = citedReviewNumbers(citations, references);
  const analysis: SentenceAnalysis = {
    sentence,
    tokens,
    citations,
    knownNumbers,
    citesOutsideReview,
    mentions,
    effects: [],
    cues: [],
    isClaim: false,
    matches: [],
  };
  analysis.effects = findEffects(tokens, tooLong ? '' : text);
  analysis.notClaim = tooLong ? 'too-long' : notAClaim(sentence, tokens, analysis.effects);
  if (analysis.notClaim) return analysis;

  const prose = withoutCitations(text, sentence.start, citations);
  const hasSubject = mentions.length > 0 || SUBJECT_CUES.test(prose);
  if (hasSubject && (analysis.effects.length > 0 || EFFECT_PHRASES.test(prose))) analysis.cues.push('effect');
  if (REPORTING_CUES.test(prose)) analysis.cues.push('reporting');
  if (QUANTITY_CUES.test(prose) && (hasSubject || dataset.topicScores(prose).size > 0)) analysis.cues.push('quantity');
  if (hasSubject && ANY_CERTAINTY_CUE.test(prose)) analysis.cues.push('certainty');
  analysis.isClaim = analysis.cues.length > 0;
  analysis.matches = matchStatements(dataset, analysis);
  return analysis;
}

/** What the citations stand for in the review's numbering, under the document's own numbering and bibliographies. */
function citedReviewNumbers(citations: readonly Citation[], references: DocumentReferences): { knownNumbers: number[]; citesOutsideReview: boolean } {
  const knownNumbers: number[] = [];
  let citesOutsideReview = false;
  const add = (reviewNumber: number | undefined) => {
    if (reviewNumber === undefined) citesOutsideReview = true;
    else if (!knownNumbers.includes(reviewNumber)) knownNumbers.push(reviewNumber);
  };
  for (const citation of citations) {
    for (const number of citation.numbers) {
      const reference = references.resolveNumber(number);
      if (reference) add(reference.reviewNumber);
    }
    for (const key of citation.keys) {
      const reference = references.resolveKey(key);
      if (reference) add(reference.reviewNumber);
    }
    if (citation.entries.some((entry) => entry.kind === 'identifier')) citesOutsideReview = true;
  }
  return { knownNumbers, citesOutsideReview };
}

function notAClaim(sentence: Sentence, tokens: Token[], effects: readonly Effect[]): NotClaimReason | undefined {
  if (sentence.kind === 'heading') return 'heading';
  if (sentence.kind === 'caption') return 'caption';
  if (tokens.length < 3) return 'no-words';
  const text = sentence.text.replace(/\s*(\[[^\]]*\]|\\\w+\{[^}]*\})\s*$/, '').trimEnd();
  if (/\?["'”’)]*$/.test(text)) return 'question';
  if (STRUCTURE_CUES.test(text) || OWN_FIGURE_CUES.test(text)) return 'structure';
  if (RECOMMENDATION_CUES.test(text)) return 'recommendation';
  if (HYPOTHESIS_CUES.test(text)) return 'hypothesis';
  if (FIRST_PERSON.test(text)) return 'own-work';
  const methods = METHODS_PASSIVE.exec(text);
  if (methods && !REPORTING_CUES.test(text)) {
    // "Cells were treated with exosomes" is a method; "…, which reduced apoptosis" adds a finding to it.
    const end = methods.index + methods[0].length;
    if (!effects.some((effect) => effect.start < methods.index || effect.start >= end)) return 'methods';
  }
  return undefined;
}

/** The sentence with its citations blanked out, so "[18-11]" never reads as a quantity. */
function withoutCitations(text: string, sentenceStart: number, citations: Citation[]): string {
  let result = text;
  for (const citation of citations) {
    const start = citation.start - sentenceStart;
    const end = citation.end - sentenceStart;
    if (start < 0 || end > text.length) continue;
    result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  }
  return result;
}

function findEffects(tokens: Token[], text: string): Effect[] {
  const effects: Effect[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const verb = EFFECT_VERBS.get(token.word);
    const phrasal = PHRASAL_PARTICLES[token.word];
    const next = tokens[i + 1]?.word;
    let polarity: Polarity | undefined;
    let end = token.end;
    let negatedBeforeTo = false;
    if (phrasal && next === phrasal.particle) {
      polarity = phrasal.polarity;
      end = tokens[i + 1].end;
    } else if (verb) {
      const previous = tokens[i - 1]?.word ?? '';
      const beforeTo = tokens[i - 2]?.word ?? '';
      negatedBeforeTo = previous === 'to' && NEGATING_BEFORE_TO.has(beforeTo);
      if (verb.ambiguous && verb.gerund) continue;
      if (verb.bare && previous === 'to' && !negatedBeforeTo && !FINDING_BEFORE_TO.has(beforeTo)) continue;
      if (verb.ambiguous && verb.bare && !(VERB_POSITION_BEFORE.has(previous) || previous === 'to' || looksPlural(previous))) continue;
      if (token.word === 'speed' || token.word === 'sped') continue;
      polarity = verb.polarity;
    } else {
      continue;
    }
    const negated = negatedBeforeTo || isNegated(tokens, i) || (verb?.gerund === true && NEGATING_BEFORE_GERUND.has(tokens[i - 1]?.word ?? ''));
    const effect: Effect = { lemma: verb?.lemma ?? token.word, polarity, start: token.start, end };
    if (verb?.evaluative) effect.evaluative = true;
    if (negated && polarity === 'neutral') effect.noEffect = true;
    else if (negated) effect.polarity = flip(polarity);
    effects.push(effect);
  }
  for (const match of text.matchAll(NO_EFFECT_PHRASE)) {
    effects.push({ lemma: 'effect', polarity: 'neutral', noEffect: true, start: match.index, end: match.index + match[0].length });
  }
  return effects.sort((a, b) => a.start - b.start);
}

function looksPlural(word: string): boolean {
  return word.length > 3 && word.endsWith('s') && !/(ss|us|is|as|ous|ys)$/.test(word) && !['this', 'its', 'has', 'was', 'does'].includes(word);
}

function isNegated(tokens: Token[], index: number): boolean {
  for (let back = 1; back <= 3 && index - back >= 0; back++) {
    const word = tokens[index - back].word;
    if (NEGATIONS.has(word) || word.endsWith("n't")) return true;
    // "No longer promotes", but "no" two words back in "no doubt promotes" is rare enough to accept.
    if (word === 'and' || word === 'but' || word === 'while' || word === 'which') return false;
  }
  return false;
}

function flip(polarity: Polarity): Polarity {
  return polarity === 'increase' ? 'decrease' : polarity === 'decrease' ? 'increase' : 'neutral';
}

/**
 * The review's statements whose subject and object both appear in the sentence. The sentence's direction is read
 * from the verb between them (subject … verb … object), or from a passive verb (object … verb … by subject).
 */
function matchStatements(dataset: Dataset, analysis: SentenceAnalysis): StatementMatch[] {
  const index = datasetIndex(dataset);
  const subjects = new Map<string, number>();
  for (const mention of analysis.mentions) {
    const ids = [mention.term.id, ...(mention.term.parent ? [mention.term.parent] : []), ...(SUBJECT_ALIASES[mention.term.id] ?? [])];
    for (const id of ids) if (!subjects.has(id)) subjects.set(id, mention.start);
  }
  const stems = new Set(analysis.tokens.map((token) => token.stem));
  const present = (phrase: readonly string[]) => (stems.has(phrase[0]) ? findPhrase(analysis.tokens, phrase) : -1);
  for (const [subjectId, phrases] of index.subjectPhrases) {
    if (subjects.has(subjectId)) continue;
    for (const phrase of phrases) {
      const at = present(phrase);
      if (at >= 0) {
        subjects.set(subjectId, analysis.tokens[at].start);
        break;
      }
    }
  }
  const matches: StatementMatch[] = [];
  for (const [subjectId, subjectStart] of subjects) {
    for (const statement of index.statementsBySubject.get(subjectId) ?? []) {
      let objectStart = -1;
      let inverse = false;
      for (const phrase of index.objectPhrases.get(statement.id) ?? []) {
        const at = present(phrase);
        if (at >= 0 && analysis.tokens[at].start !== subjectStart) {
          objectStart = analysis.tokens[at].start;
          break;
        }
      }
      if (objectStart < 0) continue;
      inverse = (index.objectPhrases.get(statement.id) ?? []).some((phrase) => {
        const at = present(phrase);
        return at >= 0 && INVERSE_MEASURES.has(analysis.tokens[at + phrase.length]?.word ?? '');
      });
      if (objectStart < 0) continue;
      if (statement.context && !namesContext(analysis, statement.context, subjectId, objectStart)) continue;
      const direction = directionBetween(analysis, subjectStart, objectStart);
      const onHarm = direction?.evaluative === true && isHarm(statement.object);
      // "Worsens fibrosis" is more fibrosis; "shortens the healing time" is faster healing.
      const polarity = direction && onHarm !== inverse ? flip(direction.polarity) : direction?.polarity;
      matches.push({ statement, polarity: direction?.noEffect ? undefined : polarity, ...(direction?.noEffect ? { noEffect: true } : {}), subjectStart, objectStart });
    }
  }
  return matches;
}

/**
 * The review speaks of "the secretome", "secretome therapy" and "conditioned medium" for one thing: a writer's
 * sentence about any of them is about what the review says of each.
 */
const SUBJECT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  secretome: ['secretome-therapy'],
  'secretome-therapy': ['secretome'],
  'conditioned-medium': ['secretome', 'secretome-therapy'],
};

/** The verb linking subject and object: subject … verb … object, or object … verb … by subject. */
function directionBetween(analysis: SentenceAnalysis, subjectStart: number, objectStart: number): Effect | undefined {
  if (subjectStart < objectStart) {
    const between = analysis.effects.filter((effect) => effect.start > subjectStart && effect.end <= objectStart);
    const directed = between.filter((effect) => effect.polarity !== 'neutral' || effect.noEffect);
    return directed[directed.length - 1] ?? between[between.length - 1];
  }
  const text = analysis.sentence.text.slice(objectStart, subjectStart).toLowerCase();
  if (!/\bby\b/.test(text)) return undefined;
  const between = analysis.effects.filter((effect) => effect.start > objectStart && effect.end <= subjectStart);
  return between.find((effect) => effect.polarity !== 'neutral' || effect.noEffect);
}

const HARMS: ReadonlySet<string> = new Set(DIRECTIONS.harms);
const KILLING: ReadonlySet<string> = new Set(DIRECTIONS.killing);
const CONTEXT_GENERIC: ReadonlySet<string> = new Set(DIRECTIONS.contextGenericWords);
const INVERSE_MEASURES: ReadonlySet<string> = new Set(DIRECTIONS.inverseMeasures);

/** An object that is a harm (fibrosis, tissue damage); the death of a harm (apoptosis of cancer cells) is not one. */
export function isHarm(object: string): boolean {
  const words = object.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const harms = words.filter((word) => HARMS.has(word));
  if (harms.length === 0) return false;
  return !(harms.some((word) => KILLING.has(word)) && harms.some((word) => !KILLING.has(word)));
}

/**
 * A statement made in a context ("secretome from normal cells") holds for a sentence only when the sentence names that
 * context before the object: "secretome from cancer cells stimulates cancer cell growth" does not oppose what the
 * review says of the secretome of normal cells.
 */
function namesContext(analysis: SentenceAnalysis, context: string, subjectId: string, objectStart: number): boolean {
  const subjectWords = new Set(subjectId.split('-'));
  const distinctive = context
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length > 1 && !CONTEXT_GENERIC.has(word) && !subjectWords.has(word));
  if (distinctive.length === 0) return true;
  const before = new Set(analysis.tokens.filter((token) => token.start < objectStart).map((token) => token.word));
  return distinctive.some((word) => before.has(word));
}
