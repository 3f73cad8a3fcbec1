/**
 * The direction lexicon, as data: which way a verb pushes its object, the words that negate it, and the objects that
 * are harms. The contradiction check reads a sentence's direction toward a statement's object from this table and
 * nothing else, so widening what it understands means adding words here (validated below, tested in
 * test/core/directionLexicon.contradiction.test.ts).
 *
 * A verb entry is its lemma; `*` marks a lemma that is also a common noun ("support", "block"), read as a verb only in a
 * verb position; `lemma:form,form` lists irregular forms the regular inflections miss.
 */

export interface DirectionLexicon {
  /** More of the object: "promotes proliferation". */
  increase: readonly string[];
  /** Less of the object: "inhibits fibrosis". */
  decrease: readonly string[];
  /**
   * Makes the object worse: less of a benefit ("worsens wound healing"), more of a harm ("aggravates fibrosis").
   * Read as less of the object unless the object is a harm.
   */
  worsen: readonly string[];
  /** Makes the object better: more of a benefit ("improves kidney function"), less of a harm. */
  better: readonly string[];
  /** Effects without a direction ("regulates", "affects"); negated, they say there is no effect. */
  neutral: readonly string[];
  /** Words that turn the verb after them around ("does not promote", "neither … nor"). */
  negations: readonly string[];
  /** Words that negate a to-infinitive after them: "fails to promote", "unable to inhibit". */
  negatingBeforeTo: readonly string[];
  /** Words that negate only the -ing form right after them: "without improving", not "without protocols, X worsens". */
  negatingBeforeGerund: readonly string[];
  /** Quantifiers that make "… effect on X" a statement of no effect: "has little effect on", "had no impact on". */
  noEffectQuantifiers: readonly string[];
  /** Stems of objects that are harms: reducing one is a benefit. */
  harms: readonly string[];
  /** Stems of killing words: the death of a harm ("apoptosis of cancer cells") is a benefit. */
  killing: readonly string[];
  /** Words after an object that measure its lack: shortening the healing *time* is faster healing. */
  inverseMeasures: readonly string[];
  /** Words of a statement's context that do not tell one context from another ("secretome *from* normal *cells*"). */
  contextGenericWords: readonly string[];
}

/** Kept apart from the table so the layering test's import scan never reads the word "from" in it as an import. */
const CONTEXT_GENERIC_WORDS = ['secretome', 'secretomes', 'of', 'from', 'the', 'a', 'an', 'in', 'derived', 'cell', 'cells', 'by', 'secreted', 'stem', 'components'];

export const DIRECTION_LEXICON: DirectionLexicon = {
  increase: [
    'promote', 'enhance', 'stimulate', 'accelerate', 'induce', 'encourage', 'foster', 'augment', 'upregulate', 'activate',
    'trigger', 'facilitate', 'amplify', 'elevate', 'strengthen', 'potentiate', 'restore', 'regenerate', 'rescue',
    'rejuvenate', 'increase*', 'boost*', 'drive*:drove,driven', 'raise*', 'support*', 'aid*', 'help*', 'cause*', 'speed*:sped',
    'enlarge', 'expand*', 'prolong', 'preserve', 'maintain', 'sustain', 'recruit', 'heighten', 'hasten', 'fuel*:fuelled,fuelling', 'spur*:spurred,spurring',
    'intensify', 'escalate', 'evoke', 'elicit', 'provoke', 'initiate', 'favour', 'favor', 'enable',
  ],
  decrease: [
    'inhibit', 'suppress', 'reduce', 'attenuate', 'impair', 'prevent', 'diminish', 'minimize', 'minimise', 'mitigate',
    'alleviate', 'downregulate', 'abolish', 'hinder', 'dampen', 'counteract', 'antagonize', 'antagonise', 'repress',
    'decrease*', 'block*', 'limit*', 'lower*', 'halt*', 'slow*', 'delay*', 'restrict*', 'shorten', 'eliminate', 'eradicate',
    'impede', 'abrogate', 'blunt', 'weaken', 'curb*', 'restrain', 'arrest*', 'lessen', 'compromise*', 'disrupt', 'abate',
    'retard', 'quench', 'silence', 'deplete', 'stall*', 'stop*:stopped,stopping', 'prohibit', 'thwart', 'offset', 'undermine', 'negate',
  ],
  worsen: ['worsen', 'exacerbate', 'aggravate', 'deteriorate'],
  better: ['improve', 'ameliorate'],
  neutral: [
    'modulate', 'regulate', 'mediate', 'deliver', 'transfer*:transferred,transferring', 'transport*', 'reprogram:reprogrammed,reprogramming',
    'reprogramme', 'influence*', 'affect', 'alter', 'determine', 'treat', 'cure*', 'heal*', 'repair*', 'protect', 'shield',
    'guarantee*', 'prove', 'outperform', 'reverse*', 'double', 'triple', 'halve', 'change*', 'impact*',
  ],
  negations: ['not', 'no', 'never', 'cannot', "can't", "don't", "doesn't", "didn't", "won't", 'neither', 'nor', 'hardly', 'barely'],
  negatingBeforeTo: ['fail', 'fails', 'failed', 'failing', 'unable', 'inability', 'insufficient'],
  negatingBeforeGerund: ['without'],
  noEffectQuantifiers: ['no', 'little', 'negligible', 'minimal', 'marginal'],
  harms: [
    'inflammation', 'inflammatory', 'fibrosis', 'fibrotic', 'apoptosis', 'apoptotic', 'death', 'necrosis', 'scar', 'scarring',
    'damage', 'injury', 'tumor', 'tumour', 'metastasis', 'cancer', 'disease', 'disorders', 'degradation', 'clearance',
    'premature', 'dysfunction', 'toxicity', 'adverse', 'infection', 'obstacles',
  ],
  killing: ['death', 'apoptosis', 'killing'],
  inverseMeasures: ['time', 'times', 'duration', 'delay', 'latency'],
  contextGenericWords: CONTEXT_GENERIC_WORDS,
};

/** What is wrong with a direction lexicon: words in two directions, words that are not lower-case words. */
export function directionLexiconProblems(lexicon: DirectionLexicon): string[] {
  const problems: string[] = [];
  const entry = /^[a-z]+\*?(:[a-z]+(,[a-z]+)*)?$/;
  const seen = new Map<string, string>();
  for (const direction of ['increase', 'decrease', 'worsen', 'better', 'neutral'] as const) {
    if (lexicon[direction].length === 0) problems.push(`${direction}: no verbs`);
    for (const verb of lexicon[direction]) {
      if (!entry.test(verb)) problems.push(`${direction}: "${verb}" is not a verb entry (lemma, optional *, optional :forms)`);
      const lemma = verb.replace(/[*:].*$/, '');
      const earlier = seen.get(lemma);
      if (earlier && earlier !== direction) problems.push(`"${lemma}" is both ${earlier} and ${direction}`);
      seen.set(lemma, direction);
    }
  }
  for (const list of ['negations', 'negatingBeforeTo', 'negatingBeforeGerund', 'noEffectQuantifiers', 'harms', 'killing', 'inverseMeasures', 'contextGenericWords'] as const) {
    if (lexicon[list].length === 0) problems.push(`${list}: empty`);
    for (const word of lexicon[list]) if (!/^[a-z']+$/.test(word)) problems.push(`${list}: "${word}" is not a lower-case word`);
  }
  return problems;
}

/** The lexicon the rules use, checked once when the module loads: a broken table is a programming error. */
export function checkedDirectionLexicon(lexicon: DirectionLexicon = DIRECTION_LEXICON): DirectionLexicon {
  const problems = directionLexiconProblems(lexicon);
  if (problems.length) throw new Error(`direction lexicon: ${problems.join('; ')}`);
  return lexicon;
}
