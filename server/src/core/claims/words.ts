/** Word-level helpers shared by claim analysis: tokens with offsets, spelling normalisation and a light stemmer. */
import { detached } from '../boundedCache';

export interface Token {
  /** Lower-case, spelling-normalised word. */
  word: string;
  /** Light stem of `word`, for matching "reprograms" with "reprogram" and "progenitors" with "progenitor". */
  stem: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z\u00C0-\u024F\u0370-\u03FF][A-Za-z0-9\u00C0-\u024F\u0370-\u03FF'’]*/g;

/** Splits text into word tokens; offsets are relative to `text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const raw = match[0].replace(/['’]+$/, '');
    const [word, stemmed] = normalised(raw);
    tokens.push({ word, stem: stemmed, start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/** Words repeat a great deal in a manuscript: normalising each written form once saves most of the work. */
const NORMALISED_LIMIT = 50000;
const normalisedForms = new Map<string, [string, string]>();

function normalised(raw: string): [string, string] {
  let entry = normalisedForms.get(raw);
  if (!entry) {
    // Detached: a long word is a slice of the document (and lower-casing may return it as it is), which the cache
    // must not keep alive after an edit.
    const word = detached(normaliseSpelling(raw.toLowerCase()));
    entry = [word, detached(stem(word))];
    if (normalisedForms.size >= NORMALISED_LIMIT) normalisedForms.clear();
    normalisedForms.set(detached(raw), entry);
  }
  return entry;
}

/** British and American spellings meet in one form, so "haematopoietic" matches "hematopoietic". */
export function normaliseSpelling(word: string): string {
  return word
    .replace(/^haem/, 'hem')
    .replace(/aem/g, 'em')
    .replace(/^oes/, 'es')
    .replace(/tumour/g, 'tumor')
    .replace(/isation/g, 'ization')
    .replace(/ise(s|d)?$/, 'ize$1')
    .replace(/ising$/, 'izing')
    .replace(/yse(s|d)?$/, 'yze$1');
}

/** A deliberately small stemmer: strips plural and verb endings so word families compare equal. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const [suffix, replacement] of STEM_RULES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, word.length - suffix.length) + replacement;
  }
  return word;
}

const STEM_RULES: ReadonlyArray<[string, string]> = [
  ['ational', 'ate'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ities', 'ity'],
  ['ies', 'y'],
  ['sses', 'ss'],
  ['ing', ''],
  ['ed', ''],
  ['es', 'e'],
  ['s', ''],
];

/** Words too common to tell one reference or statement from another. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being between both but by can could did do does for from has have had how in into is it its ' +
    'may might more most not of on or our over such than that the their them then there these they this those through to ' +
    'under up upon via was we were what when where whether which while who will with within without would also other ' +
    'based new use used using study studies review current toward towards approach approaches basic insight insights'
  ).split(' '),
);
