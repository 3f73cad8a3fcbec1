/**
 * Plain-text prose: everything is prose except bare URLs and the reference list. Blocks are paragraphs
 * separated by blank lines; bulleted or numbered lines are list items; a short line standing alone without
 * closing punctuation is a heading; a line naming the reference list ends the prose.
 */
import { bareUrlEnd, CAPTION_START, isBlank, isReferenceHeading, ProseCollector, type ProseExtraction } from './proseCollector';

export function extractPlaintextProse(text: string): ProseExtraction {
  const out = new ProseCollector(text);
  let previousBlank = true;
  let pos = 0;
  while (pos < text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd + 1;
    if (isBlank(text, pos, lineEnd)) {
      out.endBlock();
      previousBlank = true;
      pos = next;
      continue;
    }
    const line = text.slice(pos, Math.min(lineEnd, pos + 200));
    const standsAlone = previousBlank && (next >= text.length || isBlank(text, next, lineEndAt(text, next)));
    if (lineEnd - pos <= 80 && isReferenceHeading(line)) {
      out.endBlock();
      out.markReferenceList(pos);
      break;
    }
    const bullet = /^\s*(?:[-*•–]|\d{1,3}[.)])\s+/.exec(line);
    if (bullet) {
      out.startBlock('list-item');
      keepWithoutUrls(out, text, pos + bullet[0].length, lineEnd);
    } else {
      if (standsAlone && lineEnd - pos <= 80 && /\p{L}/u.test(line) && !/[.!?;,:]\s*$/.test(line)) out.startBlock('heading');
      else if (CAPTION_START.test(line)) out.startBlock('caption');
      else if (previousBlank) out.startBlock('prose');
      keepWithoutUrls(out, text, pos, lineEnd);
    }
    if (lineEnd < text.length) out.keep(lineEnd, next);
    if (standsAlone) out.endBlock();
    previousBlank = false;
    pos = next;
  }
  return out.finish();
}

function keepWithoutUrls(out: ProseCollector, text: string, start: number, end: number): void {
  let runStart = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x68 || c === 0x77 || c === 0x66) && (i === start || isUrlBoundary(text.charCodeAt(i - 1)))) {
      const urlEnd = bareUrlEnd(text, i, end);
      if (urlEnd > i) {
        out.keep(runStart, i);
        runStart = urlEnd;
        i = urlEnd - 1;
      }
    }
  }
  out.keep(runStart, end);
}

function isUrlBoundary(c: number): boolean {
  return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2f || c === 0x2e);
}

function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}
