/** Flags a spelling of a factor or EV term other than the review's canonical one, and known confusions of terms ("TGFb" → "TGF-β"). */
import type { Dataset, DatasetTerm, TermMention } from '../dataset';
import type { Finding, Rule, RuleContext } from './types';

export const noncanonicalTerm: Rule = {
  code: 'noncanonical-term',
  summary: "A spelling of a factor or EV term other than the review's canonical one, or a known confusion of terms.",
  defaultSeverity: 'information',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      const base = analysis.sentence.start;
      const mentions = [...analysis.mentions, ...looseFactorSpellings(context.dataset, analysis.sentence.text, analysis.mentions)];
      for (const mention of mentions) {
        if (!isNoncanonicalSpelling(mention)) continue;
        const start = base + mention.start;
        const end = base + mention.end;
        if (analysis.citations.some((citation) => start < citation.end && end > citation.start)) continue;
        const replacement = replacementFor(mention);
        const message =
          mention.form === 'confusion'
            ? `“${mention.written}” is a known confusion; the review's term is “${replacement}”.`
            : `The review writes “${replacement}”${mention.term.fullName ? ` (${mention.term.fullName})` : ''}, not “${mention.written}”.`;
        findings.push({
          code: 'noncanonical-term',
          start,
          end,
          message,
          data: {
            written: mention.written,
            refs: mention.term.refs,
            fixes: [{ title: `Write “${replacement}”`, edits: [{ from: 0, to: mention.written.length, expect: mention.written, newText: replacement }], preferred: true }],
          },
        });
      }
    }
    return findings;
  },
};

/**
 * Confusions are flagged for every term. Variants only for factors and EV types, and not the ordinary ways of writing
 * a term: plurals, capitals, the full name, an all-capital abbreviation ("EVs") or subscript digits ("PGE₂"). What is
 * left spells the term itself differently ("TGF-beta", "PGE-2").
 */
export function isNoncanonicalSpelling(mention: TermMention): boolean {
  if (mention.form === 'confusion') return true;
  if (mention.form !== 'variant') return false;
  if (mention.term.category !== 'factor' && mention.term.category !== 'ev') return false;
  const written = fold(mention.written);
  if (sameModuloPlural(written, fold(mention.term.canonical))) return false;
  if (mention.term.fullName && sameModuloPlural(foldName(mention.written), foldName(mention.term.fullName))) return false;
  return !(/^[A-Z]{2,6}s?$/.test(mention.written) && /^[a-z]/.test(mention.term.canonical));
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[₀-₉]/g, (digit) => String('₀₁₂₃₄₅₆₇₈₉'.indexOf(digit)))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Full names are prose: "transforming growth factor-β" and "transforming growth factor beta" are the same name. */
function foldName(text: string): string {
  return fold(text).replace(/β/g, 'beta').replace(/[-‐‑]/g, ' ').replace(/\s+/g, ' ');
}

function sameModuloPlural(a: string, b: string): boolean {
  // "apoptotic body" is the singular of "apoptotic bodies", as "exosome" is of "exosomes".
  const plurals = (text: string) => [text, `${text}s`, `${text}es`, text.replace(/y$/, 'ies')];
  return plurals(a).includes(b) || plurals(b).includes(a);
}

/** The canonical form, capitalised when the writer's word opened a sentence with a capital and the term is lower-case. */
function replacementFor(mention: TermMention): string {
  const canonical = mention.term.canonical;
  if (!/^[A-Z][a-z]/.test(mention.written) || !/^[a-z]/.test(canonical)) return canonical;
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  // "Extracellular Vehicles" in a title-case heading becomes "Extracellular Vesicles", not "Extracellular vesicles".
  const titleCase = mention.written.split(/\s+/).length > 1 && mention.written.split(/\s+/).every((word) => /^[A-Z]/.test(word));
  return titleCase ? canonical.split(' ').map(capital).join(' ') : capital(canonical);
}

/**
 * Acronyms the dataset matches only as listed ("TGF-beta", not "TGFb" or "tgf-β"): a word whose letters and digits
 * equal a factor's spelling once case, hyphens and the Greek letter are set aside is a loose spelling of that factor.
 */
function looseFactorSpellings(dataset: Dataset, text: string, known: readonly TermMention[]): TermMention[] {
  const keys = looseKeys(dataset);
  const found: TermMention[] = [];
  const word = /[A-Za-z][A-Za-z0-9β₀-₉-]*/g;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    const written = match[0].replace(/-+$/, '');
    // Factor spellings are acronyms: a word with fewer than two capitals and no β is not one of them.
    if (written.length < 3 || written.length > 12 || !ACRONYM_LIKE.test(written) || !keys.has(written.charAt(0).toLowerCase())) continue;
    const term = keys.get(looseKey(written));
    if (!term) continue;
    const start = match.index;
    if (known.some((mention) => start < mention.end && start + written.length > mention.start)) continue;
    if (written === term.canonical) continue;
    found.push({ term, start, end: start + written.length, written, form: 'variant', spelling: written });
  }
  return found;
}

const ACRONYM_LIKE = /[A-Z].*[A-Z]|β/;

const looseKeyCache = new WeakMap<Dataset, Map<string, DatasetTerm>>();

function looseKeys(dataset: Dataset): Map<string, DatasetTerm> {
  let keys = looseKeyCache.get(dataset);
  if (!keys) {
    keys = new Map();
    for (const term of dataset.terms) {
      if (term.category !== 'factor') continue;
      for (const spelling of [term.canonical, ...term.variants]) {
        if (/\s/.test(spelling) || !/[A-Z]{2}/.test(spelling)) continue;
        const key = looseKey(spelling);
        keys.set(key, term);
        // Initials too, so most words are ruled out by their first letter without building a key.
        keys.set(key.charAt(0), term);
      }
    }
    looseKeyCache.set(dataset, keys);
  }
  return keys;
}

function looseKey(spelling: string): string {
  return fold(spelling).replace(/beta$/, 'b').replace(/β/g, 'b').replace(/[^a-z0-9]/g, '');
}
