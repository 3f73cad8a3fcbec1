/**
 * Markdown prose: a line-by-line block scanner (front matter, fences, indented code, headings, lists, tables,
 * link definitions, the reference list) and an inline scanner (code spans, HTML, links, images, URLs, math).
 * Both read each character a bounded number of times; unclosed constructs fall back to plain text.
 */
import { bareUrlEnd, CAPTION_START, isBlank, isReferenceHeading, NextOccurrence, ProseCollector, type ProseExtraction } from './proseCollector';

export function extractMarkdownProse(text: string): ProseExtraction {
  return new MarkdownScanner(text).run();
}

/** The reference list ends at a heading of this level or higher; a bold-line heading counts as the lowest level. */
const BOLD_LINE_LEVEL = 7;

const BACKTICK = 0x60;

/** Characters that may open an inline construct: \ ` < ! [ $ and h, w, f (bare URLs). */
const INLINE_SPECIAL = new Uint8Array(128);
for (const char of '\\`<![$hwf') INLINE_SPECIAL[char.charCodeAt(0)] = 1;
const TILDE = 0x7e;

class MarkdownScanner {
  private readonly out: ProseCollector;
  private readonly nextGreaterThan: NextOccurrence;
  private readonly nextDollar: NextOccurrence;
  private readonly nextLinkTail: NextOccurrence;
  private readonly nextCommentEnd: NextOccurrence;
  private readonly nextDoubleDollar: NextOccurrence;
  private readonly nextPipe: NextOccurrence;
  private fence: { char: number; length: number } | undefined;
  private inMathBlock = false;
  private referenceLevel: number | undefined;
  private previousBlank = true;
  private inParagraph = false;
  private paragraphLineStart = 0;
  private inList = false;
  private inTable = false;
  /** Set by the inline scanner when an HTML comment runs past the end of its line: scanning resumes there. */
  private resumeAt: number | undefined;

  constructor(private readonly text: string) {
    this.out = new ProseCollector(text);
    this.nextGreaterThan = new NextOccurrence(text, '>');
    this.nextDollar = new NextOccurrence(text, '$');
    this.nextLinkTail = new NextOccurrence(text, '](');
    this.nextCommentEnd = new NextOccurrence(text, '-->');
    this.nextDoubleDollar = new NextOccurrence(text, '$$');
    this.nextPipe = new NextOccurrence(text, '|');
  }

  run(): ProseExtraction {
    const text = this.text;
    let pos = this.skipFrontMatter();
    let midLine = false;
    while (pos < text.length) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) lineEnd = text.length;
      this.resumeAt = undefined;
      if (midLine) {
        this.inline(pos, contentEnd(text, pos, lineEnd));
        if (this.resumeAt === undefined) this.keepLineBreak(lineEnd);
      } else {
        this.line(pos, lineEnd);
      }
      if (this.resumeAt !== undefined) {
        pos = this.resumeAt;
        midLine = true;
      } else {
        pos = lineEnd + 1;
        midLine = false;
      }
    }
    return this.out.finish();
  }

  /** YAML (`---`) or TOML (`+++`) front matter at the very start; unclosed, it is ordinary text. */
  private skipFrontMatter(): number {
    const text = this.text;
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const opener = text.startsWith('---', start) ? '---' : text.startsWith('+++', start) ? '+++' : undefined;
    if (!opener) return start;
    const firstLineEnd = lineEndAt(text, start);
    if (text.slice(start, firstLineEnd).trim() !== opener) return start;
    let pos = firstLineEnd + 1;
    while (pos < text.length) {
      const end = lineEndAt(text, pos);
      const line = text.slice(pos, Math.min(end, pos + 8)).trim();
      if ((line === opener || (opener === '---' && line === '...')) && end - pos < 8) return end + 1;
      pos = end + 1;
    }
    return start;
  }

  private line(lineStart: number, lineEnd: number): void {
    const text = this.text;
    const end = contentEnd(text, lineStart, lineEnd);
    if (this.fence) {
      if (this.isClosingFence(lineStart, end)) this.fence = undefined;
      return;
    }
    if (this.inMathBlock) {
      const close = this.nextDoubleDollar.find(lineStart);
      if (close >= 0 && close < end) this.inMathBlock = false;
      return;
    }
    if (isBlank(text, lineStart, end)) {
      this.out.endBlock();
      this.previousBlank = true;
      this.inParagraph = false;
      this.inTable = false;
      return;
    }
    const wasBlank = this.previousBlank;
    this.previousBlank = false;

    let p = lineStart;
    let indent = 0;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c === 0x20) indent++;
      else if (c === 0x09) indent += 4 - (indent % 4);
      else break;
      p++;
    }
    if (indent >= 4 && !this.inParagraph && !this.inList && this.referenceLevel === undefined) {
      // Indented code: it cannot interrupt a paragraph, and inside a list the indent belongs to the item.
      this.out.endBlock();
      return;
    }
    if (wasBlank && indent < 2) this.inList = false;

    let quoted = false;
    while (p < end && text.charCodeAt(p) === 0x3e /* > */) {
      quoted = true;
      p++;
      while (p < end && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
    }
    if (p >= end) {
      this.out.endBlock();
      this.inParagraph = false;
      return;
    }
    const c = text.charCodeAt(p);

    if (c === 0x23 /* # */) {
      let level = 0;
      while (p + level < end && text.charCodeAt(p + level) === 0x23) level++;
      const after = p + level;
      if (level <= 6 && (after === end || text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09)) {
        this.heading(lineStart, after, end, level);
        return;
      }
    }
    if (this.referenceLevel !== undefined) {
      if (this.referenceLevel === BOLD_LINE_LEVEL && this.isBoldLine(p, end)) {
        this.referenceLevel = undefined;
      } else {
        return;
      }
    }
    if ((c === BACKTICK || c === TILDE) && this.openFence(p, end)) {
      this.out.endBlock();
      this.inParagraph = false;
      return;
    }
    if (c === 0x24 /* $ */ && text.startsWith('$$', p)) {
      const close = this.nextDoubleDollar.find(p + 2);
      if (close < 0 || close >= end) this.inMathBlock = true;
      this.out.endBlock();
      this.inParagraph = false;
      return;
    }
    if ((c === 0x3d /* = */ || c === 0x2d /* - */) && this.inParagraph && !quoted && isRunOf(text, p, end, c, 1)) {
      this.setextHeading(c === 0x3d ? 1 : 2);
      return;
    }
    if ((c === 0x2a || c === 0x2d || c === 0x5f) && isRunOf(text, p, end, c, 3)) {
      this.out.endBlock();
      this.inParagraph = false;
      return;
    }
    const listContent = this.listItemContent(p, end);
    if (listContent !== undefined) {
      this.out.startBlock('list-item');
      this.inList = true;
      this.inParagraph = true;
      this.paragraphLineStart = lineStart;
      this.inline(listContent, end);
      this.keepLineBreak(lineEnd);
      return;
    }
    if (c === 0x5b /* [ */ && this.definition(p, end)) return;
    if ((c === 0x2a || c === 0x5f) && this.isBoldLine(p, end)) {
      if (isReferenceHeading(text.slice(p, end))) {
        this.enterReferenceList(lineStart, BOLD_LINE_LEVEL);
        return;
      }
      this.out.startBlock('heading');
      this.inline(p, end);
      this.out.endBlock();
      this.inParagraph = false;
      return;
    }
    if (this.tableRow(p, end, lineEnd)) return;

    if (!this.inParagraph || wasBlank) {
      this.out.startBlock(CAPTION_START.test(text.slice(p, Math.min(end, p + 60))) ? 'caption' : 'prose');
      this.paragraphLineStart = lineStart;
    } else if (CAPTION_START.test(text.slice(p, Math.min(end, p + 60)))) {
      this.out.startBlock('caption');
      this.paragraphLineStart = lineStart;
    }
    this.inParagraph = true;
    this.inline(p, end);
    this.keepLineBreak(lineEnd);
  }

  /** Keeps the line break so that the lines of a paragraph form one prose span. */
  private keepLineBreak(lineEnd: number): void {
    if (this.resumeAt === undefined && lineEnd < this.text.length) this.out.keep(lineEnd, lineEnd + 1);
  }

  private heading(lineStart: number, textStart: number, end: number, level: number): void {
    const text = this.text;
    let textEnd = end;
    while (textEnd > textStart && isSpaceOrTab(text.charCodeAt(textEnd - 1))) textEnd--;
    let hashes = textEnd;
    while (hashes > textStart && text.charCodeAt(hashes - 1) === 0x23) hashes--;
    if (hashes === textStart || isSpaceOrTab(text.charCodeAt(hashes - 1))) textEnd = hashes;
    textEnd = withoutHeadingAttributes(text, textStart, textEnd);
    this.inParagraph = false;
    this.inList = false;
    if (this.referenceLevel !== undefined) {
      if (level > this.referenceLevel && this.referenceLevel !== BOLD_LINE_LEVEL) return;
      this.referenceLevel = undefined;
    }
    if (isReferenceHeading(text.slice(textStart, textEnd))) {
      this.enterReferenceList(lineStart, level);
      return;
    }
    this.out.startBlock('heading');
    this.inline(textStart, textEnd);
    this.out.endBlock();
  }

  private setextHeading(level: number): void {
    this.inParagraph = false;
    const block = this.out.openBlock;
    if (block && block.pieces.length > 0) {
      const first = block.pieces[0]!;
      const last = block.pieces[block.pieces.length - 1]!;
      if (isReferenceHeading(this.text.slice(first.start, last.end))) {
        this.out.discardOpenBlock();
        this.enterReferenceList(this.paragraphLineStart, level);
        return;
      }
    }
    this.out.setKind('heading');
    this.out.endBlock();
  }

  private enterReferenceList(lineStart: number, level: number): void {
    this.out.endBlock();
    this.out.markReferenceList(lineStart);
    this.referenceLevel = level;
    this.inParagraph = false;
    this.inList = false;
  }

  private openFence(p: number, end: number): boolean {
    const text = this.text;
    const char = text.charCodeAt(p);
    let length = 0;
    while (p + length < end && text.charCodeAt(p + length) === char) length++;
    if (length < 3) return false;
    // A backtick fence's info string may not contain backticks (otherwise it is inline code).
    if (char === BACKTICK && text.slice(p + length, end).includes('`')) return false;
    this.fence = { char, length };
    return true;
  }

  private isClosingFence(lineStart: number, end: number): boolean {
    const text = this.text;
    const fence = this.fence!;
    let p = lineStart;
    while (p < end && p - lineStart < 4 && text.charCodeAt(p) === 0x20) p++;
    let length = 0;
    while (p + length < end && text.charCodeAt(p + length) === fence.char) length++;
    return length >= fence.length && isBlank(text, p + length, end);
  }

  /** Where a list item's text starts (after the marker and a task box), or undefined for a line that is no list item. */
  private listItemContent(p: number, end: number): number | undefined {
    const text = this.text;
    const c = text.charCodeAt(p);
    let after: number;
    if (c === 0x2d || c === 0x2a || c === 0x2b) {
      after = p + 1;
    } else if (isDigit(c)) {
      let q = p;
      while (q < end && q - p < 9 && isDigit(text.charCodeAt(q))) q++;
      const delimiter = text.charCodeAt(q);
      if (delimiter !== 0x2e && delimiter !== 0x29) return undefined;
      after = q + 1;
    } else {
      return undefined;
    }
    if (after < end && !isSpaceOrTab(text.charCodeAt(after))) return undefined;
    let q = after;
    while (q < end && isSpaceOrTab(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) === 0x5b && ' xX'.includes(text.charAt(q + 1)) && text.charCodeAt(q + 2) === 0x5d) {
      const boxEnd = q + 3;
      if (boxEnd === end || isSpaceOrTab(text.charCodeAt(boxEnd))) {
        q = boxEnd;
        while (q < end && isSpaceOrTab(text.charCodeAt(q))) q++;
      }
    }
    return q;
  }

  /** `[label]: url` (a link definition, not prose) or `[^1]: text` (a footnote, whose text is prose). */
  private definition(p: number, end: number): boolean {
    const text = this.text;
    let close = -1;
    for (let q = p + 1; q < end && q - p < 1000; q++) {
      const c = text.charCodeAt(q);
      if (c === 0x5d) {
        close = q;
        break;
      }
      if (c === 0x5b) return false;
    }
    if (close < 0 || text.charCodeAt(close + 1) !== 0x3a /* : */) return false;
    if (text.charCodeAt(p + 1) === 0x5e /* ^ */) {
      // A footnote's text is a paragraph of its own; indented lines below continue it.
      this.out.startBlock('prose');
      this.inParagraph = true;
      this.inline(close + 2, end);
      this.keepLineBreak(lineEndAt(text, end));
      return true;
    }
    this.inParagraph = false;
    this.out.endBlock();
    return true;
  }

  /** A line that is wholly bold: `**Conflict of Interest**`, `__References:__`. */
  private isBoldLine(p: number, end: number): boolean {
    const text = this.text;
    let e = end;
    while (e > p && isSpaceOrTab(text.charCodeAt(e - 1))) e--;
    if (e - p < 5 || e - p > 200) return false;
    const marker = text.slice(p, p + 2);
    if (marker !== '**' && marker !== '__') return false;
    let closing = e;
    if (text.charCodeAt(closing - 1) === 0x3a /* : */) closing--;
    return text.slice(closing - 2, closing) === marker && !text.slice(p + 2, closing - 2).includes(marker);
  }

  /** GFM tables: a row with pipes above a delimiter row starts a table; each cell is its own block of prose. */
  private tableRow(p: number, end: number, lineEnd: number): boolean {
    const text = this.text;
    const pipe = this.nextPipe.find(p);
    if (pipe < 0 || pipe >= end) {
      this.inTable = false;
      return false;
    }
    if (!this.inTable) {
      if (lineEnd >= text.length) return false;
      const nextEnd = contentEnd(text, lineEnd + 1, lineEndAt(text, lineEnd + 1));
      if (!isDelimiterRow(text, lineEnd + 1, nextEnd)) return false;
      this.inTable = true;
    } else if (isDelimiterRow(text, p, end)) {
      return true;
    }
    this.inParagraph = false;
    let cellStart = p;
    if (text.charCodeAt(cellStart) === 0x7c) cellStart++;
    for (let q = cellStart; q <= end; q++) {
      const c = q < end ? text.charCodeAt(q) : 0x7c;
      if (c === 0x5c /* \ */) {
        q++;
        continue;
      }
      if (c !== 0x7c) continue;
      this.out.startBlock('prose');
      this.inline(cellStart, q);
      this.out.endBlock();
      cellStart = q + 1;
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------------------
  // Inline scanning.

  /** Keeps the prose between start and end, leaving out code spans, HTML, URLs, link destinations and math. */
  private inline(start: number, end: number): void {
    const text = this.text;
    const out = this.out;
    let codeSpans: CodeSpanMatcher | undefined;
    const tail = this.nextLinkTail.find(start);
    const brackets = tail >= 0 && tail < end ? matchBrackets(text, start, end) : undefined;
    /** Links whose text is being scanned: at `close` the scanner jumps over `](destination)` to `after`. */
    const openLinks: { close: number; after: number }[] = [];
    let nextLinkClose = -1;
    let runStart = start;
    let i = start;
    // Plain loop variables (no closures over them): this loop reads every character of the document.
    while (i < end) {
      if (i === nextLinkClose) {
        const after = openLinks.pop()!.after;
        nextLinkClose = openLinks.length > 0 ? openLinks[openLinks.length - 1]!.close : -1;
        out.keep(runStart, i);
        runStart = i = after;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c >= 0x80 || INLINE_SPECIAL[c] === 0) {
        i++;
        continue;
      }
      let skipTo = -1;
      if (c === 0x5c /* \ */) {
        i += 2;
        continue;
      } else if (c === BACKTICK) {
        const span = (codeSpans ??= new CodeSpanMatcher(text, start, end)).at(i);
        if (span.close < 0) {
          i = span.openerEnd;
          continue;
        }
        skipTo = span.close;
      } else if (c === 0x3c /* < */) {
        if (text.startsWith('<!--', i)) {
          const close = this.nextCommentEnd.find(i + 4);
          const after = close < 0 ? text.length : close + 3;
          if (after > end) {
            out.keep(runStart, i);
            this.resumeAt = after;
            return;
          }
          skipTo = after;
        } else if (isTagStart(text.charCodeAt(i + 1))) {
          const close = this.nextGreaterThan.find(i + 1);
          if (close >= 0 && close < end) skipTo = close + 1;
        }
      } else if (c === 0x21 /* ! */ && text.charCodeAt(i + 1) === 0x5b) {
        const close = brackets?.get(i + 1);
        const after = close !== undefined && text.charCodeAt(close + 1) === 0x28 ? linkTail(text, close + 2, end) : -1;
        if (close !== undefined && after >= 0) {
          // An image's alt text is a caption of its own.
          out.keep(runStart, i);
          const kind = out.kind;
          out.startBlock('caption');
          out.keep(i + 2, close);
          out.startBlock(kind === 'caption' ? 'prose' : kind);
          runStart = i = after;
          continue;
        }
      } else if (c === 0x5b /* [ */) {
        if (text.charCodeAt(i + 1) === 0x5e /* ^ */) {
          const close = footnoteReferenceEnd(text, i + 2, end);
          if (close >= 0) skipTo = close + 1;
        }
        if (skipTo < 0) {
          const close = brackets?.get(i);
          const after = close !== undefined && text.charCodeAt(close + 1) === 0x28 ? linkTail(text, close + 2, end) : -1;
          if (close !== undefined && after >= 0) {
            openLinks.push({ close, after });
            nextLinkClose = close;
            skipTo = i + 1;
          }
        }
      } else if (c === 0x24 /* $ */) {
        const close = this.inlineMathEnd(i, end);
        if (close >= 0) skipTo = close + 1;
      } else if ((i === start || !isWordCode(text.charCodeAt(i - 1))) && !isCitedUrl(text, i)) {
        // h, w or f: perhaps a bare URL.
        const urlEnd = bareUrlEnd(text, i, end);
        if (urlEnd > i) skipTo = urlEnd;
      }
      if (skipTo < 0) {
        i++;
      } else {
        out.keep(runStart, i);
        runStart = i = skipTo;
      }
    }
    out.keep(runStart, end);
  }

  /** Pandoc's rule for `$x$`: no space inside either dollar, and no digit right after the closing one (so "$5 and $6" is text). */
  private inlineMathEnd(open: number, end: number): number {
    const text = this.text;
    const first = text.charCodeAt(open + 1);
    if (open + 1 >= end || isSpaceOrTab(first) || first === 0x24) return -1;
    const close = this.nextDollar.find(open + 1);
    if (close < 0 || close >= end) return -1;
    if (isSpaceOrTab(text.charCodeAt(close - 1)) || isDigit(text.charCodeAt(close + 1))) return -1;
    return close;
  }
}

/**
 * Pairs each backtick run with the next run of the same length, as CommonMark does. The runs of a line are
 * listed once, so a line full of unmatched runs is still read in one pass.
 */
class CodeSpanMatcher {
  private runs: { start: number; length: number }[] | undefined;
  private byLength: Map<number, number[]> | undefined;
  private readonly cursor = new Map<number, number>();
  private index = 0;

  constructor(private readonly text: string, private readonly start: number, private readonly end: number) {}

  /** For the run starting at `position`: where it ends, and the offset after its closing run (-1 when unmatched). */
  at(position: number): { openerEnd: number; close: number } {
    const runs = (this.runs ??= this.listRuns());
    while (this.index < runs.length && runs[this.index]!.start < position) this.index++;
    const run = runs[this.index];
    if (!run || run.start !== position) return { openerEnd: position + 1, close: -1 };
    const sameLength = this.byLength!.get(run.length)!;
    let k = this.cursor.get(run.length) ?? 0;
    while (k < sameLength.length && sameLength[k]! <= this.index) k++;
    this.cursor.set(run.length, k);
    const partner = sameLength[k];
    if (partner === undefined) return { openerEnd: position + run.length, close: -1 };
    const closing = runs[partner]!;
    return { openerEnd: position + run.length, close: closing.start + closing.length };
  }

  private listRuns(): { start: number; length: number }[] {
    const runs: { start: number; length: number }[] = [];
    this.byLength = new Map();
    const text = this.text;
    let i = this.start;
    while (i < this.end) {
      if (text.charCodeAt(i) === 0x5c) {
        i += 2;
        continue;
      }
      if (text.charCodeAt(i) !== BACKTICK) {
        i++;
        continue;
      }
      const runStart = i;
      while (i < this.end && text.charCodeAt(i) === BACKTICK) i++;
      const length = i - runStart;
      let list = this.byLength.get(length);
      if (!list) this.byLength.set(length, (list = []));
      list.push(runs.length);
      runs.push({ start: runStart, length });
    }
    return runs;
  }
}

/** Matches `[` with `]` on one line in one pass (a stack), so `[[[[…` costs nothing extra. */
function matchBrackets(text: string, start: number, end: number): Map<number, number> {
  const matches = new Map<number, number>();
  const open: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x5b) open.push(i);
    else if (c === 0x5d && open.length > 0) matches.set(open.pop()!, i);
  }
  return matches;
}

/**
 * Reads `destination "title")` after `](` and returns the offset after `)`, or -1. Destinations and titles stop at
 * `[` and `]`, so the text read for one link never overlaps the next link's.
 */
function linkTail(text: string, from: number, end: number): number {
  let j = from;
  while (j < end && isSpaceOrTab(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 0x3c /* < */) {
    j++;
    while (j < end && text.charCodeAt(j) !== 0x3e) {
      const c = text.charCodeAt(j);
      if (c === 0x3c || c === 0x5b || c === 0x5d) return -1;
      j++;
    }
    if (j >= end) return -1;
    j++;
  } else {
    let depth = 0;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (isSpaceOrTab(c)) break;
      if (c === 0x5b || c === 0x5d) return -1;
      if (c === 0x28) {
        if (++depth > 32) return -1;
      } else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      } else if (c === 0x5c) {
        j++;
      }
      j++;
    }
  }
  while (j < end && isSpaceOrTab(text.charCodeAt(j))) j++;
  const quote = text.charCodeAt(j);
  if (quote === 0x22 || quote === 0x27 || quote === 0x28) {
    const closeQuote = quote === 0x28 ? 0x29 : quote;
    j++;
    while (j < end && text.charCodeAt(j) !== closeQuote) {
      const c = text.charCodeAt(j);
      if (c === 0x5b || c === 0x5d) return -1;
      j++;
    }
    if (j >= end) return -1;
    j++;
    while (j < end && isSpaceOrTab(text.charCodeAt(j))) j++;
  }
  return j < end && text.charCodeAt(j) === 0x29 ? j + 1 : -1;
}

function footnoteReferenceEnd(text: string, from: number, end: number): number {
  for (let j = from; j < end && j - from < 100; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5d) return j > from ? j : -1;
    if (c === 0x5b || isSpaceOrTab(c)) return -1;
  }
  return -1;
}

/** Pandoc's heading attributes (`# Methods {#sec:methods .unnumbered}`) are markup. */
function withoutHeadingAttributes(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpaceOrTab(text.charCodeAt(e - 1))) e--;
  if (e === start || text.charCodeAt(e - 1) !== 0x7d /* } */) return end;
  let open = e - 1;
  while (open > start && text.charCodeAt(open) !== 0x7b /* { */) open--;
  if (open <= start || !isSpaceOrTab(text.charCodeAt(open - 1)) || !'#.-'.includes(text.charAt(open + 1))) return end;
  let b = open;
  while (b > start && isSpaceOrTab(text.charCodeAt(b - 1))) b--;
  return b;
}

function isDelimiterRow(text: string, start: number, end: number): boolean {
  let dashes = 0;
  let pipes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d) dashes++;
    else if (c === 0x7c) pipes++;
    else if (c !== 0x3a && !isSpaceOrTab(c)) return false;
  }
  return dashes > 0 && pipes > 0;
}

/** Whether the line from p is `min` or more of character c, spaces allowed between (thematic breaks, Setext underlines). */
function isRunOf(text: string, p: number, end: number, c: number, min: number): boolean {
  let count = 0;
  for (let i = p; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === c) count++;
    else if (!isSpaceOrTab(d)) return false;
  }
  return count >= min;
}

function isTagStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2f || c === 0x21 || c === 0x3f;
}

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2f || c === 0x2e;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** The line's end without a trailing carriage return. */
function contentEnd(text: string, lineStart: number, lineEnd: number): number {
  return lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
}

/** `@url:https://…` and `@https://…` are Manubot citation keys: the URL stays prose for the citation scanner. */
function isCitedUrl(text: string, at: number): boolean {
  const previous = text.charCodeAt(at - 1);
  if (previous === 0x40 /* @ */) return true;
  return previous === 0x3a /* : */ && at >= 5 && text.slice(at - 5, at).toLowerCase() === '@url:';
}
