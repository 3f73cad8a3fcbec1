/**
 * Random edits for the differential fuzz tests: what a writer (or a confused editor) does to a manuscript, as
 * offsets into the current text, applied one after another. The tests keep the text themselves (a plain string)
 * and check that whoever received the edits incrementally reads it exactly as a fresh analysis of that string.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { seededRandom } from './seededRandom';

/** Replace text[start, end) by `text`; start === end inserts, an empty `text` deletes. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** An edit as LSP sends it: a range in the text before the edit (after the previous edits of the same batch). */
export interface RangeEdit {
  range: Range;
  text: string;
}

export interface FuzzSettings {
  seed: number;
  /** Scales how many edits a test makes; 1 is the suite's default. */
  iterations: number;
}

/**
 * The seed and iteration count of a fuzz run: the test's defaults, or FUZZ_SEED / FUZZ_ITERATIONS for a longer or
 * different run (FUZZ_ITERATIONS=20 makes twenty times the default number of edits).
 */
export function fuzzSettings(defaultSeed: number): FuzzSettings {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : defaultSeed;
  const iterations = process.env.FUZZ_ITERATIONS ? Number(process.env.FUZZ_ITERATIONS) : 1;
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be a whole number, not ${process.env.FUZZ_SEED}`);
  if (!(iterations > 0)) throw new Error(`FUZZ_ITERATIONS must be a positive number, not ${process.env.FUZZ_ITERATIONS}`);
  return { seed, iterations };
}

/** How to run the failing case again, for assertion messages. */
export function reproduce(settings: FuzzSettings, where: string): string {
  return `fuzz seed ${settings.seed} (FUZZ_SEED=${settings.seed} FUZZ_ITERATIONS=${settings.iterations}), ${where}`;
}

/** Citations of every syntax the core reads, well-formed and not. */
const citations = [
  '[3]', '[1-3, 5]', '[12,13]', '[45–47]', '[1, 2, 3]', '[17]', '[0]', '[999]', '[1-99999999]', '[5-2]', '[,]', '[1,,2]',
  '\\cite{a,b}', '\\cite{caseiro2019}', '\\citep[p.~3]{tjalsma2000}', '\\citet*{ref27}', '\\cite{}', '\\cite{a,', '\\parencite[see][]{k}',
  '\\cites[a][b]{k}{l}', '[@key; @doi:10.1/x]', '[@caseiro2019]', '[@doi:10.1371/journal.pbio.1002195]', '[@tag:abc]', '@key', '[-@key]',
  '[@url:https://example.org/a]', '[@arxiv:1609.08144]', '[@pmid:123]', '[@doi:]', '[@', '[see @a, p. 3; @b]',
];

/** Single characters and short runs that change how the text around them reads. */
const punctuation = [
  '[', ']', '{', '}', '(', ')', '\\', '@', ';', ',', '-', '–', '.', '. ', '?', '!', '$', '%', '`', '```', '*', '_', '#', '# ',
  '---', '<!--', '-->', '~', '&', '"', "'", '|', '\\begin{equation}', '\\end{equation}', '\\iffalse', '\\fi', '\\bibliography{refs}',
  '\\section{Results}', '\\item ', '1. ', '- ', '> ',
];

/** Astral characters, combining marks and other code points that are not one UTF-16 unit per character. */
const unusual = ['🧬', '𝛂', '👩‍🔬', '🇪🇺', 'é', 'e\u0301', 'β', 'TGFβ', '\u00a0', '\u200b', '\ufeff', '\t', 'ﬁ', '中文'];

const lineEnds = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\r\r', '\n\r'];

const sentences = [
  'Exosomes promote wound healing [17]. ',
  'MSC-derived extracellular vesicles reduce inflammation in mice. ',
  'The secretome of mesenchymal stem cells enhances cartilage repair \\cite{caseiro2019}. ',
  'TGF-β and VEGF are secreted by stromal cells [30, 31]. ',
  'Conditioned medium cures all diseases. ',
  'Secretome therapy is clearly proven to regenerate the heart [45]. ',
  'Exosomes from stem cells prevent tumour growth [@caseiro2019]. ',
  'It was shown that microvesicles carry miRNA. ',
  // Lines that change what other paragraphs mean: key definitions, a reference list and its entries, front matter.
  '\n[@tag:abc]: doi:10.1000/xyz\n',
  '\n# References\n\n1. Smith J, Doe A. Secretome of stromal cells. J Test. 2001;1:1.\n',
  '\n12. Example B, Sample H. Fictional study of vesicle markers. Test J. 2020;1:12.\n',
  '---\ntitle: A draft\nbibliography: refs.bib\n---\n',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** What to insert: a citation, a sentence, punctuation, an odd character, a line end, or text copied from the document. */
export function fragment(random: () => number, text: string): string {
  const roll = random();
  if (roll < 0.25) return pick(random, citations);
  if (roll < 0.4) return pick(random, punctuation);
  if (roll < 0.52) return pick(random, unusual);
  if (roll < 0.67) return pick(random, lineEnds);
  if (roll < 0.8) return pick(random, sentences);
  if (roll < 0.92 && text.length > 0) {
    // Copy and paste: a piece of the document itself, so its own constructs move around.
    const start = Math.floor(random() * text.length);
    return text.slice(start, start + 1 + Math.floor(random() * 120));
  }
  // A short mixture, as typed by a cat.
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, [...punctuation, ...unusual, ...lineEnds, 'a', ' '])).join('');
}

/**
 * Moves an offset off the middle of a CRLF and of a surrogate pair: an editor never puts a cursor there, and LSP
 * positions cannot name it the same way on both sides.
 */
export function safeOffset(text: string, offset: number): number {
  let at = Math.max(0, Math.min(text.length, offset));
  while (at > 0 && at < text.length && isInsidePair(text, at)) at--;
  return at;
}

function isInsidePair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (before === 13 && after === 10) return true;
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** One random edit of `text`: an insertion, a deletion (often across lines), a replacement, or a whole-line edit. */
export function randomEdit(random: () => number, text: string): OffsetEdit {
  if (random() < 0.2 && text.length > 0) return lineEdit(random, text);
  const start = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const roll = random();
  if (roll < 0.5 || text.length === 0) return { start, end: start, text: fragment(random, text) };
  // Deletions are mostly short (a typo, a word) and sometimes long (a selection across lines or paragraphs).
  const length = random() < 0.7 ? 1 + Math.floor(random() * 12) : 1 + Math.floor(random() * 400);
  const end = Math.max(start, safeOffset(text, start + length));
  if (roll < 0.75) return { start, end, text: '' };
  return { start, end, text: fragment(random, text) };
}

/** Lines whose syntax gives meaning to other paragraphs or blocks: definitions, list entries, headings, commands, fences. */
const structural = /^(?:\[@|\[\^|#|\d+\.|\\|---|```|~~~|[-*>] |<!--|%|\$\$)/;

/**
 * An edit of one whole line, chosen among all lines or among the structural ones (half the time): deleted,
 * duplicated, its first characters broken, or something inserted in front. Uniform edits alone would seldom touch
 * the few lines (a `[@tag:x]: doi:…` definition, a reference list entry) that other paragraphs' findings depend on.
 */
function lineEdit(random: () => number, text: string): OffsetEdit {
  const starts = lineStarts(text);
  const candidates = random() < 0.5 ? starts.filter((start) => structural.test(text.slice(start, start + 8))) : starts;
  const start = pick(random, candidates.length > 0 ? candidates : starts);
  const next = starts.find((offset) => offset > start) ?? text.length;
  const roll = random();
  if (roll < 0.4) return { start, end: next, text: '' };
  if (roll < 0.6) return { start, end: start, text: text.slice(start, next) || '\n' };
  if (roll < 0.8) return { start, end: safeOffset(text, Math.min(next, start + 1 + Math.floor(random() * 3))), text: '' };
  return { start, end: start, text: fragment(random, text) };
}

/**
 * Typing: a fragment inserted one character (code point) at a time at one place, as keystrokes arrive, so every
 * intermediate state (an unclosed `[1-`, a half-written `\cite{ca`) is seen.
 */
export function typingEdits(random: () => number, text: string): OffsetEdit[] {
  const at = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const typed = random() < 0.6 ? pick(random, citations) : pick(random, sentences).slice(0, 20);
  const edits: OffsetEdit[] = [];
  let offset = at;
  for (const character of typed) {
    edits.push({ start: offset, end: offset, text: character });
    offset += character.length;
  }
  return edits;
}

/** Several edits in one update, each against the text the previous ones left (as LSP applies a didChange's changes). */
export function randomEdits(random: () => number, text: string, count: number): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (let i = 0; i < count; i++) {
    const edit = randomEdit(random, text);
    edits.push(edit);
    text = applyEdit(text, edit);
  }
  return edits;
}

/** The cursor after an edit, in the text the edit produced. */
export function cursorAfter(text: string, edit: OffsetEdit): Position {
  return positionAt(lineStarts(text), edit.start + edit.text.length);
}

export function applyEdit(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Offsets where lines start, with LSP's line ends: \r\n, \r and \n. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (code === 13 || code === 10) starts.push(i + 1);
  }
  return starts;
}

/** The LSP position (line, UTF-16 character) of an offset, computed here rather than by the library under test. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** The edit as LSP sends it, against the text it applies to. */
export function toRangeEdit(text: string, edit: OffsetEdit): RangeEdit {
  const starts = lineStarts(text);
  return { range: { start: positionAt(starts, edit.start), end: positionAt(starts, edit.end) }, text: edit.text };
}

/**
 * Positions to ask hover and completion at: mostly right after or inside citation syntax (where both have most to
 * say), some at random, and the two ends of the text.
 */
export function samplePositions(random: () => number, text: string, count: number): Position[] {
  const interesting: number[] = [];
  for (const match of text.matchAll(/\[|\\cite\w*\{|@|,|;|-|\b(?:TGF|VEGF|exo|MSC|secretome)/gi)) interesting.push(match.index! + match[0].length);
  const offsets = [0, text.length];
  for (let i = 0; i < count; i++) {
    const offset = interesting.length > 0 && random() < 0.7 ? pick(random, interesting) + Math.floor(random() * 4) : Math.floor(random() * (text.length + 1));
    offsets.push(safeOffset(text, offset));
  }
  const starts = lineStarts(text);
  return offsets.map((offset) => positionAt(starts, offset));
}

export { seededRandom };
