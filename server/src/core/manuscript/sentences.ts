/**
 * Sentences: each prose block is joined (markup left out) and split with Intl.Segmenter, then the splits the
 * segmenter gets wrong in scientific prose are undone: after abbreviations ("et al.", "Fig.", "approx."),
 * inside citations, and before a citation that follows the full stop ("…healing. [17]").
 */
import { ByteBoundedCache, detached, stringBytes } from '../boundedCache';
import type { ProseBlock } from './proseCollector';
import { isWhitespaceCode } from './proseCollector';
import { spanIndexAt } from './lookup';
import type { AnalysisStop } from './limits';
import type { Citation, Sentence, Span } from './types';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Intl.Segmenter's cost grows with the length of the string it is given times the number of segments, so long
 * blocks are fed to it in windows of this many characters.
 */
const SEGMENTER_WINDOW = 1000;

/**
 * Abbreviations after which a full stop does not end a sentence, lower-cased and without their last full stop
 * ("et al." is found by its last word, "al").
 */
const ABBREVIATIONS = new Set([
  'al', 'e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'ca', 'resp', 'incl', 'dr', 'prof', 'mr', 'mrs', 'ms', 'no', 'nos',
  'fig', 'figs', 'ref', 'refs', 'eq', 'eqs', 'tab', 'suppl', 'vol', 'pp', 'p', 'sp', 'spp',
]);

/** A fragment that is only a caption label ("Figure 1.") belongs to the caption text after it. */
const CAPTION_LABEL_ONLY = /^[*_\s]*(?:Supplementary\s+)?(?:Figure|Fig\.|Table|Tab\.)\s*S?\d+[A-Za-z]?[*_]*\s*[.:]\s*[*_]*\s*$/;

export interface SentenceSplit {
  sentences: Sentence[];
  paragraphs: Span[];
  /** Set when `maxSentences` stopped the split: the start of the first sentence left out. */
  stop?: AnalysisStop;
}

export function splitSentences(text: string, blocks: readonly ProseBlock[], citations: readonly Citation[], maxSentences = Infinity): SentenceSplit {
  const sentences: Sentence[] = [];
  const paragraphs: Span[] = [];
  for (const block of blocks) {
    if (block.pieces.length === 0) continue;
    const origin = block.pieces[0]!.start;
    const split = cachedBlockSplit(text, block, citations);
    if (!split) continue;
    const index = paragraphs.length;
    const paragraph = { start: origin + split.paragraph.start, end: origin + split.paragraph.end };
    paragraphs.push(paragraph);
    for (const relative of split.sentences) {
      const start = origin + relative.start;
      const end = origin + relative.end;
      if (sentences.length >= maxSentences) {
        // The budget ends the paragraph with its last sentence kept (or drops it when none was).
        if (sentences[sentences.length - 1]?.paragraph === index) paragraph.end = sentences[sentences.length - 1]!.end;
        else paragraphs.pop();
        return { sentences, paragraphs, stop: { offset: start, limit: 'sentences', count: maxSentences } };
      }
      sentences.push({ start, end, text: text.slice(start, end), kind: block.kind, paragraph: index });
    }
  }
  return { sentences, paragraphs };
}

/** A block's paragraph and sentence spans, relative to the block's first character; undefined for a blank block. */
interface BlockSplit {
  paragraph: Span;
  sentences: Span[];
}

/**
 * Block splits by the block's text, kind and layout. Editing one paragraph of a long document leaves every other
 * block as it was, so re-parsing after a keystroke splits only the edited block. Everything a split depends on lies
 * between the block's first and last character (its citations are parsed from that text), so that text, with the
 * kind and the pieces' relative offsets, is the key. Bounded by the memory it holds (least recently used first out),
 * so thousands of documents or edits never grow it past SENTENCE_CACHE_BYTES.
 */
export const SENTENCE_CACHE_BYTES = 8 * 1024 * 1024;
const blockCache = new ByteBoundedCache<string, BlockSplit | null>(
  SENTENCE_CACHE_BYTES,
  (key, split) => stringBytes(key) + 64 + 48 * (split?.sentences.length ?? 0),
);
/** Longer blocks (a pasted table, a 5 MB line) are split every time rather than kept as keys. */
const BLOCK_CACHE_MAX_LENGTH = 20000;

/** Forgets the cached block splits, for benchmarks that measure a first parse. */
export function clearSentenceCache(): void {
  blockCache.clear();
}

/** What the block cache holds, for tests and benchmarks of its bound. */
export function sentenceCacheStats(): { entries: number; bytes: number } {
  return { entries: blockCache.size, bytes: blockCache.bytes };
}

function cachedBlockSplit(text: string, block: ProseBlock, citations: readonly Citation[]): BlockSplit | undefined {
  const origin = block.pieces[0]!.start;
  const end = block.pieces[block.pieces.length - 1]!.end;
  if (end - origin > BLOCK_CACHE_MAX_LENGTH) return splitBlock(text, block, citations, origin) ?? undefined;
  const layout = block.pieces.map((piece) => `${piece.start - origin},${piece.end - origin}`).join(';');
  const key = `${block.kind}\u0001${layout}\u0001${text.slice(origin, end)}`;
  let split = blockCache.get(key);
  if (split === undefined) {
    split = splitBlock(text, block, citations, origin);
    // Detached: the key's text is a slice of the document, which must not stay alive through the cache.
    blockCache.set(detached(key), split);
  }
  return split ?? undefined;
}

function splitBlock(text: string, block: ProseBlock, citations: readonly Citation[], origin: number): BlockSplit | null {
  const joined = new JoinedBlock(text, block);
  const paragraph = joined.trimmedSpan(0, joined.text.length);
  if (!paragraph) return null;
  // A heading is one unit however it is punctuated ("I. INTRODUCTION", "2.1. Methods").
  const boundaries =
    block.kind === 'heading'
      ? [0, joined.text.length]
      : fixBoundaries(joined, withSplitsAfterCitations(joined, segmentStarts(joined.text), citations), citations, block.kind === 'caption');
  const sentences: Span[] = [];
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const span = joined.trimmedSpan(boundaries[k]!, boundaries[k + 1]!);
    if (!span) continue;
    const start = joined.startWithOpeningMarkup(span.start);
    sentences.push({ start: start - origin, end: span.end - origin });
  }
  return { paragraph: { start: paragraph.start - origin, end: paragraph.end - origin }, sentences };
}

/** A block's prose pieces joined into one string, with the way back from joined offsets to document offsets. */
class JoinedBlock {
  readonly text: string;
  /** Offset in the joined string where each piece starts. */
  private readonly starts: number[] = [];

  constructor(private readonly document: string, private readonly block: ProseBlock) {
    const parts: string[] = [];
    let length = 0;
    for (const piece of block.pieces) {
      this.starts.push(length);
      parts.push(document.slice(piece.start, piece.end));
      length += piece.end - piece.start;
    }
    // Intl.Segmenter ends a sentence at every line break; inside a block a line break is only a space.
    this.text = parts.join('').replace(/[\n\r\v\f\u0085\u2028\u2029]/g, ' ');
  }

  get start(): number {
    return this.block.pieces[0]!.start;
  }

  get end(): number {
    return this.block.pieces[this.block.pieces.length - 1]!.end;
  }

  /** The document offset of the character at joined offset `j` (0 <= j < length). */
  toDocument(j: number): number {
    const k = this.pieceIndex(j);
    return this.block.pieces[k]!.start + (j - this.starts[k]!);
  }

  /** The joined offset of document offset `offset`, if it lies in (or at the end of) a piece. */
  fromDocument(offset: number): number | undefined {
    const pieces = this.block.pieces;
    let low = 0;
    let high = pieces.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const piece = pieces[mid]!;
      if (offset < piece.start) high = mid - 1;
      else if (offset > piece.end) low = mid + 1;
      else return this.starts[mid]! + (offset - piece.start);
    }
    return undefined;
  }

  /**
   * A sentence that starts a piece starts with the markup before it when that markup sits on the same line
   * (`\emph{Secretome}…`, a code span): the sentence's text then reads as written.
   */
  startWithOpeningMarkup(start: number): number {
    const pieces = this.block.pieces;
    const joinedStart = this.fromDocument(start);
    if (joinedStart === undefined) return start;
    const k = this.pieceIndex(joinedStart);
    if (k === 0 || pieces[k]!.start !== start) return start;
    const gapStart = pieces[k - 1]!.end;
    if (start - gapStart > 200) return start;
    let s = gapStart;
    while (s < start) {
      const c = this.document.charCodeAt(s);
      if (c === 0x0a) return start;
      if (!isWhitespaceCode(c)) break;
      s++;
    }
    for (let i = s; i < start; i++) {
      if (this.document.charCodeAt(i) === 0x0a) return start;
    }
    return s;
  }

  /** The document span of joined [from, to) without surrounding whitespace, or undefined when it is blank. */
  trimmedSpan(from: number, to: number): Span | undefined {
    const text = this.text;
    let a = from;
    let b = to;
    while (a < b && isWhitespaceCode(text.charCodeAt(a))) a++;
    while (b > a && isWhitespaceCode(text.charCodeAt(b - 1))) b--;
    if (a === b) return undefined;
    return { start: this.toDocument(a), end: this.toDocument(b - 1) + 1 };
  }

  private pieceIndex(j: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= j) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Where the segmenter starts sentences, plus the end: [0, …, length]. Long text goes through in windows. */
function segmentStarts(text: string): number[] {
  const starts: number[] = [];
  let position = 0;
  /** Whether the window starts inside a sentence the previous window could not end. */
  let continuing = false;
  while (position < text.length) {
    const windowEnd = Math.min(text.length, position + SEGMENTER_WINDOW);
    const found: number[] = [];
    for (const segment of segmenter.segment(text.slice(position, windowEnd))) found.push(position + segment.index);
    const segmentCount = found.length;
    if (continuing) found.shift();
    if (windowEnd < text.length && segmentCount > 1) {
      // The window's last segment may be cut short: segment it again as the start of the next window.
      position = found.pop()!;
      starts.push(...found);
      continuing = false;
    } else {
      // A whole window without a sentence end (a run of garbage) carries on without inventing one.
      starts.push(...found);
      continuing = true;
      position = windowEnd;
    }
  }
  if (starts[0] !== 0) starts.unshift(0);
  starts.push(text.length);
  return starts;
}

/**
 * The segmenter does not split "healing.[17] The next" or "healing.~\\cite{a} Next": a citation right after a full
 * stop, followed by a capital, ends the sentence.
 */
function withSplitsAfterCitations(joined: JoinedBlock, starts: number[], citations: readonly Citation[]): number[] {
  const text = joined.text;
  const added: number[] = [];
  let index = firstCitationFrom(citations, joined.start);
  for (; index < citations.length && citations[index]!.start < joined.end; index++) {
    const citation = citations[index]!;
    const from = joined.fromDocument(citation.start);
    const to = joined.fromDocument(citation.end);
    if (from === undefined || to === undefined) continue;
    let before = from;
    while (before > 0 && (text.charCodeAt(before - 1) === 0x7e || isWhitespaceCode(text.charCodeAt(before - 1)))) before--;
    if (before === 0 || !'.!?'.includes(text.charAt(before - 1)) || endsWithAbbreviation(text, 0, before)) continue;
    let after = to;
    while (after < text.length && isWhitespaceCode(text.charCodeAt(after))) after++;
    if (after === to || after >= text.length || !/[\p{Lu}\p{N}"“(\[]/u.test(text.charAt(after))) continue;
    added.push(to);
  }
  if (added.length === 0) return starts;
  return [...new Set([...starts, ...added])].sort((a, b) => a - b);
}

/** Index of the first citation that starts at or after `offset`. */
function firstCitationFrom(citations: readonly Citation[], offset: number): number {
  let low = 0;
  let high = citations.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (citations[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Undoes the segmenter's wrong splits: the result is the kept boundaries, first 0 and last the length. */
function fixBoundaries(joined: JoinedBlock, boundaries: number[], citations: readonly Citation[], isCaption: boolean): number[] {
  const text = joined.text;
  const kept: number[] = [0];
  const last = boundaries.length - 1;
  for (let k = 1; k < last; k++) {
    let boundary = boundaries[k]!;
    const previous = kept[kept.length - 1]!;
    if (boundary <= previous) continue;
    if (endsWithAbbreviation(text, previous, boundary)) continue;
    if (isCaption && boundary - previous < 80 && CAPTION_LABEL_ONLY.test(text.slice(previous, boundary))) continue;
    if (insideCitation(joined, boundary, citations)) continue;
    boundary = afterLeadingCitations(joined, boundary, citations);
    const next = boundaries[k + 1]!;
    if (boundary >= next || isBlankIn(text, boundary, next)) {
      // The next fragment was nothing but citations: it belongs to this sentence entirely.
      continue;
    }
    kept.push(boundary);
  }
  kept.push(text.length);
  return kept;
}

function insideCitation(joined: JoinedBlock, boundary: number, citations: readonly Citation[]): boolean {
  const offset = joined.toDocument(boundary);
  const index = spanIndexAt(citations, offset);
  return index >= 0 && citations[index]!.start < offset;
}

/** Moves a boundary past citations that open the next fragment ("healing. [17] The…" keeps [17] with "healing."). */
function afterLeadingCitations(joined: JoinedBlock, boundary: number, citations: readonly Citation[]): number {
  const text = joined.text;
  let moved = boundary;
  for (;;) {
    let j = moved;
    while (j < text.length && (isWhitespaceCode(text.charCodeAt(j)) || text.charCodeAt(j) === 0x7e /* ~ */)) j++;
    if (j >= text.length) return moved;
    const offset = joined.toDocument(j);
    const index = spanIndexAt(citations, offset);
    if (index < 0 || citations[index]!.start !== offset) return moved;
    const end = joined.fromDocument(citations[index]!.end);
    if (end === undefined || end <= j) return moved;
    moved = end;
  }
}

/** Whether the fragment [from, to) ends with a full stop that belongs to an abbreviation ("et al.", "Fig.", "e.g."). */
function endsWithAbbreviation(text: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && (isWhitespaceCode(text.charCodeAt(end - 1)) || CLOSING_QUOTES.includes(text.charAt(end - 1)))) end--;
  if (end <= from || text.charCodeAt(end - 1) !== 0x2e /* . */) return false;
  const wordEnd = end - 1;
  let wordStart = wordEnd;
  while (wordStart > from && wordEnd - wordStart < 8 && !isWhitespaceCode(text.charCodeAt(wordStart - 1)) && !'([~'.includes(text.charAt(wordStart - 1))) wordStart--;
  return wordStart < wordEnd && ABBREVIATIONS.has(text.slice(wordStart, wordEnd).toLowerCase());
}

const CLOSING_QUOTES = '"\'”’)';

function isBlankIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}
