/**
 * What the review's evidence says about an analysed sentence: whether it states the opposite of a statement, and
 * which references the review would cite for it. Several rules ask, so the answers live here.
 */
import type { Dataset } from '../dataset';
import type { Statement } from '../datasetTypes';
import type { SentenceAnalysis } from './analysis';
import { matchTitles } from './datasetIndex';
import { closestStatements } from './evidence';

export interface Contradiction {
  statement: Statement;
}

/**
 * The sentence contradicts the review when its verb pushes a statement's object the other way, or says it has no
 * effect on it, and no other statement on the same subject and object agrees with it or goes the other way (the
 * review says the secretome can both promote and inhibit cancer growth, depending on its source). A statement that
 * only says "regulates" does not shield a more specific one; statements made in another context were dropped when
 * the sentence was matched (claims/analysis.ts).
 */
export function findContradiction(dataset: Dataset, analysis: SentenceAnalysis): Contradiction | undefined {
  if (!analysis.isClaim) return undefined;
  const opposedStatements: Statement[] = [];
  let agrees = false;
  for (const match of analysis.matches) {
    const said = match.statement.polarity;
    const written = match.polarity;
    if (said !== 'neutral' && match.noEffect) {
      opposedStatements.push(match.statement);
      continue;
    }
    if (!written || written === 'neutral' || said === 'neutral') continue;
    if (said === written) agrees = true;
    else opposedStatements.push(match.statement);
  }
  // A statement made in a context the sentence names (claims/analysis.ts dropped the others) outranks the general ones.
  const inContext = opposedStatements.find((statement) => statement.context);
  if (inContext) return { statement: inContext };
  if (agrees) return undefined;
  // Of the statements contradicted, quote the one on the sentence's own topics (kidney fibrosis, not fibrosis at large).
  const closest = new Set(closestStatements(dataset, analysis));
  const opposed = opposedStatements.find((statement) => closest.has(statement)) ?? opposedStatements[0];
  if (!opposed) return undefined;
  const twoSided = analysis.matches.some(
    (match) =>
      match.statement.subject === opposed.subject &&
      match.statement.polarity !== opposed.polarity &&
      (match.statement.polarity !== 'neutral' || sameObject(match.statement, opposed)),
  );
  return twoSided ? undefined : { statement: opposed };
}

/** The review's neutral word on the very same object ("regulates cell growth") leaves its direction open. */
function sameObject(a: Statement, b: Statement): boolean {
  return a.object.trim().toLowerCase() === b.object.trim().toLowerCase();
}

/** Title matches this strong name the very finding a reference reports ("microvesicles reprogram progenitors"). */
const STRONG_TITLE_WORDS = 3;

export interface Support {
  /** References the review cites for what the sentence says, best first. */
  refs: number[];
  /** The statement that says so, when the support comes from one. */
  statement?: Statement;
  /** How the references were found. */
  via: 'statement' | 'title';
}

/**
 * The references the review would cite for this sentence, or undefined when nothing in the review pins it down.
 * With `cited`, stops as soon as a cited reference is among them (the common case needs no title matching).
 */
export function reviewSupport(dataset: Dataset, analysis: SentenceAnalysis, cited: readonly number[] = []): Support | undefined {
  if (analysis.matches.length > 0) {
    const refs: number[] = [];
    for (const match of analysis.matches) for (const number of match.statement.refs) if (!refs.includes(number)) refs.push(number);
    if (cited.some((number) => refs.includes(number))) return { refs, statement: analysis.matches[0].statement, via: 'statement' };
    const strong = strongTitleMatches(dataset, analysis);
    for (const number of strong) if (!refs.includes(number)) refs.push(number);
    return { refs, statement: analysis.matches[0].statement, via: 'statement' };
  }
  const strong = strongTitleMatches(dataset, analysis);
  return strong.length > 0 ? { refs: strong, via: 'title' } : undefined;
}

function strongTitleMatches(dataset: Dataset, analysis: SentenceAnalysis): number[] {
  const titles = matchTitles(dataset, analysis.tokens);
  const best = titles[0];
  if (!best || best.shared < STRONG_TITLE_WORDS) return [];
  return titles.filter((match) => match.shared >= STRONG_TITLE_WORDS && match.score >= best.score * 0.75).map((match) => match.number);
}
