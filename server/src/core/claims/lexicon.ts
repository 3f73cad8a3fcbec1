/**
 * The words that make a sentence a claim: effect verbs with the direction they push their object, reporting phrases,
 * certainty words with their softer wording, and the openings of sentences that are not claims at all.
 */
import type { Polarity } from '../datasetTypes';
import { checkedDirectionLexicon, type DirectionLexicon } from './directionLexicon';

export interface EffectVerb {
  lemma: string;
  /** The direction on an object that is a benefit; an evaluative verb turns around on a harm. */
  polarity: Polarity;
  /** "Worsens", "improves": the direction depends on whether the object is a benefit or a harm. */
  evaluative: boolean;
  /** Also a common noun ("repair", "support"): the bare form counts as a verb only in a verb position. */
  ambiguous: boolean;
  /** The token is an -ing form. */
  gerund: boolean;
  /** The token is the bare form. */
  bare: boolean;
}

/** The direction lexicon (claims/directionLexicon.ts), checked when this module loads. */
export const DIRECTIONS: DirectionLexicon = checkedDirectionLexicon();

/** Inflected form → the verb it belongs to. */
export const EFFECT_VERBS: ReadonlyMap<string, EffectVerb> = buildVerbTable(DIRECTIONS);

function buildVerbTable(lexicon: DirectionLexicon): Map<string, EffectVerb> {
  const table = new Map<string, EffectVerb>();
  const add = (entries: readonly string[], polarity: Polarity, evaluative: boolean) => {
    for (const entry of entries) {
      const [head, irregular = ''] = entry.split(':');
      const ambiguous = head.endsWith('*');
      const lemma = ambiguous ? head.slice(0, -1) : head;
      for (const form of [...inflect(lemma), ...irregular.split(',').filter(Boolean)]) {
        if (table.has(form) && table.get(form)!.polarity !== 'neutral') continue;
        table.set(form, { lemma, polarity, evaluative, ambiguous, gerund: form.endsWith('ing') && form !== lemma, bare: form === lemma });
      }
    }
  };
  add(lexicon.increase, 'increase', false);
  add(lexicon.decrease, 'decrease', false);
  add(lexicon.worsen, 'decrease', true);
  add(lexicon.better, 'increase', true);
  add(lexicon.neutral, 'neutral', false);
  return table;
}

function inflect(base: string): string[] {
  const forms = [base];
  if (base.endsWith('e')) forms.push(base + 's', base + 'd', base.slice(0, -1) + 'ing');
  else if (/[^aeiou]y$/.test(base)) forms.push(base.slice(0, -1) + 'ies', base.slice(0, -1) + 'ied', base + 'ing');
  else if (/(s|sh|ch|x|z)$/.test(base)) forms.push(base + 'es', base + 'ed', base + 'ing');
  else forms.push(base + 's', base + 'ed', base + 'ing');
  return forms;
}

/** Words after which a bare ambiguous form ("repair", "support") is a verb, not a noun. */
export const VERB_POSITION_BEFORE: ReadonlySet<string> = new Set(
  'can could may might will would must also often further directly significantly strongly markedly greatly substantially ' +
    'dramatically consistently reliably effectively partly partially not cannot do does did both each actively potently'.split(' '),
);

/** "shown to reduce": a to-infinitive that carries a finding, unlike the purpose in "used to reduce". */
export const FINDING_BEFORE_TO: ReadonlySet<string> = new Set(
  'shown found known able ability capacity reported demonstrated appears appear seems seem likely helps help tends tend ' +
    'proven thought believed suggested observed expected potential'.split(' '),
);

/** Verbs that take their object only through a particle: "speed up", "protect against", "lead to". */
export const PHRASAL_PARTICLES: Readonly<Record<string, { particle: string; polarity: Polarity }>> = {
  speed: { particle: 'up', polarity: 'increase' },
  sped: { particle: 'up', polarity: 'increase' },
  protect: { particle: 'against', polarity: 'decrease' },
  protects: { particle: 'against', polarity: 'decrease' },
  protected: { particle: 'against', polarity: 'decrease' },
  protecting: { particle: 'against', polarity: 'decrease' },
  shield: { particle: 'from', polarity: 'decrease' },
  shields: { particle: 'from', polarity: 'decrease' },
  shielding: { particle: 'from', polarity: 'decrease' },
};

/** Multi-word effect phrases without a single verb token. */
export const EFFECT_PHRASES = /\b(lead|leads|led|leading) to\b|\bresults? in\b|\bresulted in\b|\bcontributes? to\b|\bgives? rise to\b|\bis (associated|correlated|linked) with\b|\bare (associated|correlated|linked) with\b|\bplays? an? \w+ role\b|\bresponsible for\b|\b(has|have|had|show|shows|showed|exert|exerts|exerted) (no|little|any|an?|significant|marked|modest|strong|similar|greater|lesser)( \w+)? (effects?|impacts?|influences?) on\b|\b(more|less) (effective|potent|efficient|beneficial|protective) than\b/i;

/** Words that turn a verb's direction around when they come just before it. */
export const NEGATIONS: ReadonlySet<string> = new Set(DIRECTIONS.negations);

/** "Fails to promote": a to-infinitive negated by the word before "to". */
export const NEGATING_BEFORE_TO: ReadonlySet<string> = new Set(DIRECTIONS.negatingBeforeTo);

/** "Without improving": negates only the -ing form right after it. */
export const NEGATING_BEFORE_GERUND: ReadonlySet<string> = new Set(DIRECTIONS.negatingBeforeGerund);

/** "Has little effect on X", "had no impact on X": the writer says there is no effect on X. */
export const NO_EFFECT_PHRASE = new RegExp(
  `\\b(?:has|have|had|show|shows|showed|shown|exert|exerts|exerted|exerting|having)\\s+(?:${DIRECTIONS.noEffectQuantifiers.join('|')})\\s+(?:\\w+\\s+)?(?:effects?|impacts?|influences?|benefits?)\\s+(?:on|upon)\\b`,
  'gi',
);

/** Phrases that report a finding, even without an effect verb on a known subject. */
export const REPORTING_CUES =
  /\b(studies|research|trials?|experiments?|data|evidence|reports?|work|investigations?|analyses|findings|literature)\s+(have|has|had)?\s*(shown|show|shows|demonstrated|demonstrate|demonstrates|revealed|reveals|reveal|indicated|indicates|indicate|suggested|suggests|suggest|confirmed|confirms|established|established|proved|proven|found)\b|\b(has|have|had) (been )?(shown|demonstrated|reported|documented|established|proven|observed|found) (to|that)\b|\b(was|were|is|are) (shown|found|reported|known|demonstrated|observed|proven) to\b|\bit is (well[- ])?(known|established|documented|recognized|recognised|accepted)\b|\b(numerous|several|many|multiple|recent|previous|clinical|preclinical|animal) (studies|trials|reports|experiments)\b|\b(a |the )?(meta-analysis|randomi[sz]ed (controlled )?trial)\b|\b(several|many|other|previous|recent|numerous|some) (groups|authors|investigators|researchers|laboratories|teams)\b/i;

/** A quantity stated as a result: 40 %, three-fold, p < 0.05, twice as. */
export const QUANTITY_CUES =
  /\b\d+(?:[.,]\d+)?\s?(%|per ?cent\b|percent\b|-?fold\b)|\b(two|three|four|five|ten)-?fold\b|\bp\s?[<=≤]\s?0?\.\d|\b(twice|half|three times) as\b|\bby (half|a third|a quarter)\b|\b(doubl|tripl|halv)(ed|es|ing)\b/i;

/**
 * Absolute certainty, with the quick fix's softer wording. A softening only hedges: it removes or replaces the certainty
 * word and keeps the writer's own verb and outcome ("cures" → "may cure", "fully restores" → "may restore"), so a fix
 * never writes a finding into the manuscript that neither the writer nor the review made ("well tolerated", "support").
 * Where no such hedge exists ("guarantees") there is no fix: the diagnostic still says what the review reports.
 */
export interface CertaintyCue {
  /** What the fix rewrites; a group named `claim`, when present, is the part underlined (the copula of "is completely safe" is rewritten but not underlined). */
  pattern: RegExp;
  /** The softer wording of the matched text, or undefined when only a rewrite by the writer can soften it. */
  soften: (written: string) => string | undefined;
}

/** The words a softening may add: modals, hedges and weaker quantifiers, never an effect or an outcome. */
export const HEDGE_WORDS: ReadonlySet<string> = new Set(
  'may might could possibly possible perhaps likely suggest suggests suggested appear appears often some not have been be'.split(' '),
);

const AUXILIARIES = 'has|have|had|is|are|was|were|will|would|can|could|does|do|did|may|might|should|must|shall';

export const CERTAINTY_CUES: readonly CertaintyCue[] = [
  {
    pattern: /\b(is|are|was|were)\s+(?<claim>(completely|totally|entirely|perfectly|absolutely|100\s?%)\s+safe)\b/gi,
    soften: (written) => (/^(was|were)\b/i.test(written) ? 'may have been safe' : 'may be safe'),
  },
  { pattern: /\b(completely|totally|entirely|perfectly|absolutely|100\s?%) safe\b/gi, soften: () => 'possibly safe' },
  { pattern: /\b(is|are)\s+(?<claim>cured)\b/gi, soften: () => 'may be cured' },
  { pattern: /\b(was|were)\s+(?<claim>cured)\b/gi, soften: () => 'may have been cured' },
  { pattern: /\bcures\b/gi, soften: () => 'may cure' },
  { pattern: /\bcured\b/gi, soften: () => 'may have cured' },
  { pattern: /\b(can|will|would|does|do)\s+(?<claim>cure)\b(?! for\b| of\b| rate)/gi, soften: () => 'may cure' },
  { pattern: /(?<!\b(?:a|an|the|no|any|this|that)\s)\bcure\b(?= \w)(?! for\b| of\b| rate)/gi, soften: () => 'possibly cure' },
  { pattern: /\bproves\b/gi, soften: () => 'suggests' },
  { pattern: /\bprove\b/gi, soften: () => 'suggest' },
  { pattern: /\b(proved|proven)\b/gi, soften: () => 'suggested' },
  { pattern: /\bguarantees\b/gi, soften: () => undefined },
  { pattern: /\bguarantee\b/gi, soften: () => undefined },
  { pattern: /\bguaranteed to\b/gi, soften: () => 'likely to' },
  { pattern: /\bguaranteed\b/gi, soften: () => 'possible' },
  { pattern: /\balways\b/gi, soften: () => 'often' },
  { pattern: new RegExp(`(?<!\\b(?:${AUXILIARIES})\\s)\\b(?<claim>never)\\s+[a-z]+\\b`, 'gi'), soften: (written) => mayNot(written.split(/\s+/)[1]) },
  { pattern: /\bnever\b/gi, soften: () => undefined },
  { pattern: /\b(definitively|conclusively|unequivocally|undoubtedly|unquestionably|indisputably)\b/gi, soften: () => 'likely' },
  { pattern: /\b(eliminates|eradicates|abolishes)\b/gi, soften: (written) => `may ${baseForm(written)}` },
  { pattern: /\b(has|have)\s+(?<claim>no (side[- ]effects|adverse (effects|events)|risks?))\b/gi, soften: (written) => `may ${written.replace(/^has\b/i, 'have')}` },
  { pattern: /\bno (side[- ]effects|adverse (effects|events)|risks?)\b/gi, soften: () => undefined },
  { pattern: /\b(risk-free|without any risks?)\b/gi, soften: (written) => `possibly ${written}` },
  // "A promising treatment" would be a judgement the writer did not make: flagged, with no rewrite offered.
  { pattern: /\bmiracle\b/gi, soften: () => undefined },
  { pattern: /\b(undeniable|indisputable|unquestionable|irrefutable)\b/gi, soften: () => undefined },
  { pattern: /\bfully restores\b/gi, soften: () => 'may restore' },
  { pattern: /\b(in )?(all|every) patients?\b/gi, soften: (w) => (/^in /i.test(w) ? 'in some patients' : 'some patients') },
];

/** "never causes" → "may not cause", "never caused" → "may not have caused"; undefined when the word is no verb. */
function mayNot(verb: string): string | undefined {
  const lower = verb.toLowerCase();
  const known = EFFECT_VERBS.get(lower);
  if (/ed$/.test(lower) || (known && !known.bare && !known.gerund && !lower.endsWith('s'))) return `may not have ${verb}`;
  if (known?.gerund || /ing$/.test(lower)) return undefined;
  if (known) return `may not ${known.lemma}`;
  if (/^(been|be|a|an|the|any|to|more|less|in|on|at|with|without|for|by)$/.test(lower)) return undefined;
  return `may not ${baseForm(verb)}`;
}

/** The bare form of a present-tense verb: "eliminates" → "eliminate", "reaches" → "reach", "occurs" → "occur". */
function baseForm(verb: string): string {
  const lower = verb.toLowerCase();
  const irregular: Record<string, string> = { has: 'have', does: 'do', is: 'be', goes: 'go' };
  if (irregular[lower]) return irregular[lower];
  const known = EFFECT_VERBS.get(lower);
  if (known) return known.lemma;
  if (/(ss|sh|ch|x|z)es$/.test(lower)) return verb.slice(0, -2);
  if (/[^aeiou]ies$/.test(lower)) return `${verb.slice(0, -3)}y`;
  if (/[^s]s$/.test(lower)) return verb.slice(0, -1);
  return verb;
}

/** Sentences that state aims or structure, point at the writer's own figures, or describe what follows. */
export const STRUCTURE_CUES =
  /^\s*(here,? we\b|in this (review|paper|article|chapter|section|thesis|work|study|manuscript),? we\b|in the (following|next|present) (section|chapter|review)|this (review|chapter|section|paper|article|thesis|work|manuscript|study) (aims|seeks|outlines|summari[sz]es|describes|discusses|reviews|focuses|presents|examines|explores|is organi[sz]ed|is structured|covers|begins|concludes|provides|sets out|considers|addresses)\b|the (aim|goal|purpose|objective|scope|focus) of (this|the present|our)\b|(figure|fig\.|table|box|panel|appendix|supplementary)\s*\S+|(section|chapter)\s+[\dIVX]+|(below|above|next|first|finally|then|lastly),? we\b|the (following|next|remaining) (sections?|chapters?|paragraphs?)\b|we (now|next|then|first|finally) (turn|describe|discuss|outline|summari[sz]e|review|consider)\b)/i;

/** Mentions of the writer's own figures or tables anywhere in the sentence. */
export const OWN_FIGURE_CUES = /\b(see|in|shown in|as shown in|summari[sz]ed in|listed in|illustrated in) (figure|fig\.|table|box)\s*\d/i;

/** Hypotheses, speculation and conditionals: what might be, not what was found. */
export const HYPOTHESIS_CUES =
  /^\s*(if|should|whether|unless|suppose|assuming)\b|\b(speculate|speculated|hypothesi[sz]e[ds]?|it is (possible|conceivable|plausible|tempting to \w+) that|one (could|might) (argue|imagine|expect))\b/i;

/** First person: the writer's own work, aims or methods. */
export const FIRST_PERSON = /(^|[^\w])(we|our|us)\b/i;

/** The passive voice of lab methods: "EVs were isolated by ultracentrifugation". */
export const METHODS_PASSIVE =
  /\b(was|were|been) (treated|pretreated|exposed|transfected|supplemented|primed|isolated|collected|cultured|centrifuged|ultracentrifuged|harvested|incubated|measured|quantified|analy[sz]ed|stored|obtained|seeded|washed|filtered|purified|concentrated|resuspended|injected|administered|randomi[sz]ed|assessed|recorded|performed|carried out|conducted|prepared|characteri[sz]ed|imaged|stained|sequenced|frozen|thawed|diluted|pooled|processed|extracted|enrolled|recruited|assigned|followed up|approved|calculated|compared|counted|normali[sz]ed|sonicated|lysed|pelleted|loaded|labell?ed|fixed|plated|passaged|grown|expanded|tested|evaluated|screened|scored)\b/i;

/** Needs, recommendations and open questions: what should happen, not what was found. */
export const RECOMMENDATION_CUES =
  /\b(should|must|ought to|needs? to|need to be|have to|has to)\b|\bit (is|will be|remains) (essential|crucial|necessary|important|vital|critical|imperative|advisable|desirable) (to|that)\b|\b(is|are|remains?) (needed|required|warranted|necessary|essential)\b|\b(future|further|additional|more|larger) (studies|trials|research|work|investigations?|experiments|evidence)\b|\bremains? to be (established|determined|seen|shown|clarified|tested|confirmed)\b|\bwe (recommend|suggest|propose|advise|urge)\b|\b(is|are|remains?) (still )?(unclear|unknown|under investigation|debated|controversial|poorly understood|not (yet )?(known|understood|established|clear))\b|\blittle is known\b|\bhas yet to be\b|\bhave yet to be\b/i;

/** Words that name a secretome subject even when the dataset has no term for the exact wording. */
export const SUBJECT_CUES =
  /\b(secretomes?|exosom\w*|(extracellular |micro)?vesicles?|EVs?|microvesicles?|apoptotic bodies|conditioned medi(um|a)|CM|MSCs?|stem[- ]cells?|stromal cells?|paracrine (factors?|signals?|signalling|signaling)|secreted (factors?|proteins?|molecules?|products?)|growth factors?|cytokines?|chemokines?|FGFs?|BMPs?|TGF\S*|PGE-?2|prostaglandin E2|mitochondria|cell-free (therapy|therapies|approach\w*|products?)|intravenous|intranasal|intratumou?ral|injections?|infusions?|gels?|hydrogels?|treatments?|therap(y|ies))\b/i;

/** Any certainty cue, as one expression: most sentences have none, and one test rules them out. */
export const ANY_CERTAINTY_CUE = new RegExp(
  CERTAINTY_CUES.map((cue) => `(?:${cue.pattern.source.replace(/\(\?<claim>/g, '(?:')})`).join('|'),
  'i',
);
