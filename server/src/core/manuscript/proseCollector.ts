/**
 * What the three prose extractors (Markdown, LaTeX, plain text) produce: blocks of prose pieces, each block a
 * paragraph-like unit (a paragraph, heading, caption, list item or table cell) made of the document's text
 * ranges that are prose. Extractors call keep() left to right, so pieces are in document order.
 */
import type { SentenceKind, Span } from './types';

export interface ProseBlock {
  kind: SentenceKind;
  /** Prose ranges of the block in document order; adjacent ranges are merged. */
  pieces: Span[];
}

export interface ProseExtraction {
  blocks: ProseBlock[];
  referenceListStart?: number;
}

export class ProseCollector {
  private readonly blocks: ProseBlock[] = [];
  private current: ProseBlock | undefined;
  /** The kind the next block gets when text arrives; blocks are opened lazily so markup never makes empty ones. */
  private pendingKind: SentenceKind = 'prose';
  referenceListStart: number | undefined;

  constructor(private readonly text: string) {}

  /** Closes the open block; the next prose starts a block of `kind`. */
  startBlock(kind: SentenceKind): void {
    this.current = undefined;
    this.pendingKind = kind;
  }

  /** Closes the open block; the next prose starts an ordinary paragraph. */
  endBlock(): void {
    this.startBlock('prose');
  }

  /** The kind of the open block, or of the block the next prose will open. */
  get kind(): SentenceKind {
    return this.current?.kind ?? this.pendingKind;
  }

  /** Changes the kind of the open block (a Setext underline turns the paragraph above it into a heading). */
  setKind(kind: SentenceKind): void {
    if (this.current) this.current.kind = kind;
    else this.pendingKind = kind;
  }

  /** The open block, if any prose has arrived since it was started. */
  get openBlock(): ProseBlock | undefined {
    return this.current;
  }

  /** Drops the open block (a paragraph that turned out to be the reference-list heading). */
  discardOpenBlock(): void {
    if (this.current && this.blocks[this.blocks.length - 1] === this.current) this.blocks.pop();
    this.current = undefined;
    this.pendingKind = 'prose';
  }

  keep(start: number, end: number): void {
    if (end <= start) return;
    if (!this.current) {
      this.current = { kind: this.pendingKind, pieces: [] };
      this.blocks.push(this.current);
    }
    const pieces = this.current.pieces;
    const last = pieces[pieces.length - 1];
    if (last && last.end === start) last.end = end;
    else pieces.push({ start, end });
  }

  markReferenceList(start: number): void {
    this.referenceListStart ??= start;
  }

  /** The blocks with whitespace-only pieces and blocks removed. */
  finish(): ProseExtraction {
    const blocks: ProseBlock[] = [];
    for (const block of this.blocks) {
      const pieces = block.pieces.filter((piece) => !isBlank(this.text, piece.start, piece.end));
      if (pieces.length > 0) blocks.push({ kind: block.kind, pieces });
    }
    return this.referenceListStart === undefined ? { blocks } : { blocks, referenceListStart: this.referenceListStart };
  }
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}

export function isWhitespaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x3000 || c === 0xfeff;
}

/**
 * Finds the next occurrence of a string at or after an offset, remembering the last answer. Scanners ask with
 * growing offsets, so a document with thousands of unclosed `<` or `$` is searched once, not once per opener.
 */
export class NextOccurrence {
  private askedFrom = -1;
  private found = -1;

  constructor(private readonly text: string, private readonly needle: string) {}

  find(from: number): number {
    if (this.askedFrom >= 0 && from >= this.askedFrom && (this.found === -1 || from <= this.found)) return this.found;
    this.askedFrom = from;
    this.found = this.text.indexOf(this.needle, from);
    return this.found;
  }
}

const REFERENCE_HEADINGS = new Set(['references', 'reference list', 'bibliography', 'literature cited', 'works cited', 'cited literature']);

/** Whether a heading's text names the reference list: "References", "## 7. REFERENCES", "**Bibliography:**". */
export function isReferenceHeading(title: string): boolean {
  if (title.length > 80) return false;
  const words = title
    .replace(/\\[a-zA-Z]+\*?|[{}*_#`]/g, ' ')
    .trim()
    .replace(/^(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])[.)]?\s+/i, '')
    .replace(/[:.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return REFERENCE_HEADINGS.has(words);
}

/** "Figure 2.", "Fig. 3:", "Table 1.", "Supplementary Figure S1." at the start of a block make it a caption. */
export const CAPTION_START = /^[*_\s]*(?:Supplementary\s+)?(?:Figure|Fig\.|Table|Tab\.)\s*S?\d+[A-Za-z]?[*_]*\s*[.:|]/;

const URL_PREFIXES = ['https://', 'http://', 'ftp://', 'www.'];

/** The end of a bare URL starting at `start` (trailing punctuation and an unbalanced `)` stay prose), or `start`. */
export function bareUrlEnd(text: string, start: number, end: number): number {
  const prefix = URL_PREFIXES.find((candidate) => text.startsWith(candidate, start));
  if (!prefix) return start;
  let j = start + prefix.length;
  let parens = 0;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c <= 0x20 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x60 || c === 0xa0) break;
    if (c === 0x28) parens++;
    else if (c === 0x29) parens--;
    j++;
  }
  while (j > start + prefix.length) {
    const c = text.charCodeAt(j - 1);
    if (c === 0x29 && parens < 0) {
      parens++;
      j--;
    } else if ('.,;:!?*_\'"]'.includes(text.charAt(j - 1))) {
      j--;
    } else {
      break;
    }
  }
  return j > start + prefix.length ? j : start;
}

/** Skips spaces, tabs and at most one line break (TeX's spaces between a command and its arguments). */
export function skipSpaces(text: string, from: number, stop: number): number {
  let j = from;
  let breaks = 0;
  while (j < stop) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) {
      if (++breaks > 1) break;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      break;
    }
    j++;
  }
  return j;
}
