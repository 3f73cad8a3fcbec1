/**
 * How the knowledge layer compares text: accents, case and punctuation folded, so `trollebo` finds Trollebø, `turk`
 * finds Türkmen, and two printings of one title compare equal.
 */

/** Letters that Unicode does not decompose into a base letter plus a mark. */
const unsplittableLetters: Record<string, string> = {
  ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const unsplittablePattern = new RegExp(`[${Object.keys(unsplittableLetters).join('')}]`, 'g');

/** Lower case, accents removed, letters such as ø and ß spelled in ASCII; other characters kept. */
export function foldText(text: string): string {
  // Most text is ASCII already: skip the Unicode work for it.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(unsplittablePattern, (letter) => unsplittableLetters[letter])
    .toLowerCase();
}

/** The words of a text, folded: runs of letters and digits. */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  forEachFoldedWord(text, (word) => words.push(word));
  return words;
}

/**
 * Calls `visit` with each word of `foldedWords(text)`, in order, without the arrays. ASCII text (most of a library) is
 * read in one pass of character codes: its folded words are its runs of letters and digits, lower-cased; any other
 * text goes the Unicode way.
 */
export function forEachFoldedWord(text: string, visit: (word: string) => void): void {
  if (nonAscii.test(text)) {
    forEachUnicodeWord(text, visit);
    return;
  }
  const length = text.length;
  let start = -1;
  let upper = false;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)) {
      if (start === -1) {
        start = index;
        upper = false;
      }
      if (code <= 90 && code >= 65) upper = true;
    } else if (start !== -1) {
      const word = text.slice(start, index);
      visit(upper ? word.toLowerCase() : word);
      start = -1;
    }
  }
  if (start !== -1) {
    const word = text.slice(start);
    visit(upper ? word.toLowerCase() : word);
  }
}

// eslint-disable-next-line no-control-regex
const nonAscii = /[^\x00-\x7f]/;

function forEachUnicodeWord(text: string, visit: (word: string) => void): void {
  const folded = foldText(text);
  // eslint-disable-next-line no-control-regex
  const words = /^[\x00-\x7f]*$/.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u);
  for (const word of words) if (word.length > 0) visit(word);
}

/** A title reduced to its words, for comparing two printings of it: "Stem/Stromal Cells: A…" → "stem stromal cells a …". */
export function normalisedTitle(title: string): string {
  return foldedWords(title).join(' ');
}

/**
 * The main title without its subtitle (the part before the first colon, full stop, question mark or dash set off by
 * spaces), normalised; undefined when the title has no subtitle.
 */
export function normalisedMainTitle(title: string): string | undefined {
  const match = /\s*(?::|\.\s|\?\s|\s[-–—]\s)/.exec(title);
  if (!match || match.index === 0) return undefined;
  return normalisedTitle(title.slice(0, match.index));
}

/** Words too common to say what a sentence is about. */
const stopWords = new Set(
  (
    'the a an and or of in on for to with by from as at is are was were be been being this that these those it its ' +
    'into than then there their which who whom whose what when where while has have had not no but also such can may ' +
    'might could would should will shall do does did via our we they them he she his her using used use both between ' +
    'after before over under more most less other some any each all one two three new study studies'
  ).split(' '),
);

/** The words of a sentence that can say what it is about: folded, three characters or more, no stop words. */
export function contentWords(text: string): string[] {
  return foldedWords(text).filter((word) => word.length >= 3 && !stopWords.has(word));
}

/** Spellings of a content word that count as the same word: itself and its singular or plural ("wounds", "wound"). */
export function wordForms(word: string): string[] {
  if (word.length > 4 && word.endsWith('ies')) return [word, word.slice(0, -3) + 'y'];
  if (word.length > 3 && word.endsWith('y')) return [word, word.slice(0, -1) + 'ies'];
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return [word, word.slice(0, -1)];
  return [word, word + 's'];
}
