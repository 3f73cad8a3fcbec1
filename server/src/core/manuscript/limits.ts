/**
 * How much of one document the analysis reads, so no text can take unbounded time or memory. A 100,000-word thesis
 * (about 660,000 characters of prose, 10,000 sentences, 3,000 citations with 3,700 entries) stays far inside every
 * limit; past one of them the analysis stops where it was reached and one information diagnostic says so.
 */

export interface AnalysisBudget {
  /** Characters of prose (text the writer wrote, markup left out) that are split into sentences and checked. */
  maxProseCharacters: number;
  /** Sentences that are checked. */
  maxSentences: number;
  /** Citations that are read. */
  maxCitations: number;
  /** Citation entries (`[1, 3-5]` has two) that are read, over all citations. */
  maxCitationEntries: number;
}

export const defaultAnalysisBudget: AnalysisBudget = {
  maxProseCharacters: 2_000_000,
  maxSentences: 40_000,
  maxCitations: 20_000,
  maxCitationEntries: 50_000,
};

/**
 * Entries one citation keeps (`\nocite{…}` with a few hundred keys is the longest real one); the others are counted
 * and not read, and malformed-citation says so once for that citation.
 */
export const MAX_ENTRIES_PER_CITATION = 1000;

/** Which limit stopped the analysis. */
export type BudgetLimit = 'prose-characters' | 'sentences' | 'citations' | 'citation-entries';

/** Where the analysis stopped and why; nothing at or after `offset` is split, cited or checked. */
export interface AnalysisStop {
  offset: number;
  limit: BudgetLimit;
  /** The value of the limit that was reached (2,000,000 characters, say). */
  count: number;
}

/** "Secretome Writer checked the first 40,000 sentences of this document; the rest is not analysed (budget)." */
export function analysisStopMessage(stop: AnalysisStop): string {
  const what: Record<BudgetLimit, string> = {
    'prose-characters': 'characters of prose',
    sentences: 'sentences',
    citations: 'citations',
    'citation-entries': 'citation entries',
  };
  return `Secretome Writer checked the first ${stop.count.toLocaleString('en-US')} ${what[stop.limit]} of this document; the rest is not analysed (budget).`;
}

/** The earlier of two stops (either may be absent). */
export function earlierStop(a: AnalysisStop | undefined, b: AnalysisStop | undefined): AnalysisStop | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.offset < a.offset ? b : a;
}
