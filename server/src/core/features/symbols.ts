/**
 * Document symbols: the manuscript's outline. Headings (Markdown `#` to `######` and setext `===`/`---`; LaTeX `\part` to `\subparagraph`,
 * starred or with a short title), nested by level, each spanning up to the next heading of its level or higher; and
 * the entries of the manuscript's own reference list under the heading that holds them (LaTeX's `thebibliography`
 * as a "References" symbol of its own when no heading holds it).
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { oneLineReference } from '../knowledge/format';
import type { Reference } from '../knowledge/model';
import { LatexComments } from '../manuscript/latexFiles';
import type { Manuscript, ManuscriptReferenceList, Span } from '../manuscript/types';

interface Heading extends Span {
  level: number;
  title: string;
  /** The heading's own line (or command), for the symbol's selection range. */
  line: Span;
}

/** A heading's title longer than this is cut: an outline shows a line, not a paragraph. */
const maxTitleLength = 120;

export function documentSymbols(document: TextDocument, manuscript: Manuscript, ownList: readonly Reference[]): DocumentSymbol[] {
  const text = manuscript.text;
  const headings = manuscript.language === 'latex' ? latexHeadings(text) : manuscript.language === 'markdown' ? markdownHeadings(text) : [];
  const range = (span: Span): Range => ({ start: document.positionAt(span.start), end: document.positionAt(span.end) });
  // Each heading spans up to the next heading of its level or higher, or the end of the text.
  for (let index = 0; index < headings.length; index++) {
    const next = headings.slice(index + 1).find((heading) => heading.level <= headings[index].level);
    headings[index].end = trimEnd(text, next ? next.start : text.length);
  }
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ level: number; symbol: DocumentSymbol; span: Span }> = [];
  for (const heading of headings) {
    const symbol: DocumentSymbol = { name: heading.title || '(untitled)', kind: SymbolKind.String, range: range(heading), selectionRange: range(heading.line), children: [] };
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].symbol.children! : roots).push(symbol);
    stack.push({ level: heading.level, symbol, span: heading });
  }
  if (manuscript.referenceList) {
    const entries = listSymbols(document, text, manuscript.referenceList, ownList);
    const holder = innermostHolding(roots, document, manuscript.referenceList.entries[0]!.start);
    if (holder) holder.children!.push(...entries);
    else {
      const list = manuscript.referenceList;
      const last = list.entries[list.entries.length - 1]!;
      const span = { start: list.start, end: last.end };
      roots.push({ name: 'References', kind: SymbolKind.String, range: range(span), selectionRange: range({ start: list.start, end: list.entries[0]!.start }), children: entries });
    }
  }
  return roots;
}

/** One symbol per entry: "[7] Smith 2020, Conditioned medium…" (a `\bibitem`'s key for its name). */
function listSymbols(document: TextDocument, text: string, list: ManuscriptReferenceList, ownList: readonly Reference[]): DocumentSymbol[] {
  const byNumber = new Map(ownList.map((reference) => [reference.number, reference]));
  return list.entries.map((entry) => {
    const reference = byNumber.get(entry.number);
    const summary = reference ? oneLineReference(reference) : entry.text.replace(/\s+/g, ' ').trim();
    const firstLineEnd = Math.min(entry.end, text.indexOf('\n', entry.start) === -1 ? entry.end : text.indexOf('\n', entry.start));
    return {
      name: entry.key !== undefined ? entry.key : `[${entry.number}]`,
      detail: cut(summary),
      kind: SymbolKind.Key,
      range: { start: document.positionAt(entry.start), end: document.positionAt(entry.end) },
      selectionRange: { start: document.positionAt(entry.start), end: document.positionAt(firstLineEnd) },
    };
  });
}

function innermostHolding(symbols: DocumentSymbol[], document: TextDocument, offset: number): DocumentSymbol | undefined {
  const position = document.positionAt(offset);
  const inside = (symbol: DocumentSymbol) =>
    (symbol.range.start.line < position.line || (symbol.range.start.line === position.line && symbol.range.start.character <= position.character)) &&
    (symbol.range.end.line > position.line || (symbol.range.end.line === position.line && symbol.range.end.character >= position.character));
  const holder = symbols.find(inside);
  if (!holder) return undefined;
  return innermostHolding(holder.children ?? [], document, offset) ?? holder;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A setext underline: `===` makes the paragraph above a level-1 heading, `---` a level-2 one. */
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** Lines that open a block other than a paragraph (list item, quote, table row, HTML), whose lines a setext underline cannot turn into a heading. */
const OTHER_BLOCK = /^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|\||<)/;

/**
 * ATX and setext headings outside front matter and fenced code; Pandoc attributes (`{#sec:x}`) left out of the
 * title. A setext heading is the paragraph above its underline, so `---` after a blank line (a thematic break) or
 * under a list item is not one.
 */
function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let offset = 0;
  let fence: string | undefined;
  /** The paragraph being read: where it starts and its lines' text, for a setext underline to make it a heading. */
  let paragraph: { start: number; lines: string[] } | undefined;
  /** Inside a list item, quote or table until a blank line: its lines are not a paragraph of their own. */
  let otherBlock = false;
  const frontMatter = /^(?:\uFEFF)?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (frontMatter) offset = frontMatter[0].length;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const line = text.slice(offset, end).replace(/\r$/, '');
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
      paragraph = undefined;
      otherBlock = false;
    } else if (line.trim() === '') {
      paragraph = undefined;
      otherBlock = false;
    } else if (line.length < 2000) {
      const match = ATX.exec(line);
      const underline = paragraph && SETEXT_UNDERLINE.exec(line);
      if (match) {
        const level = (match[1] ?? match[3])!.length;
        const title = cut(headingTitle(match[2] ?? ''));
        headings.push({ start: offset, end, level, title, line: { start: offset, end: offset + line.length } });
        paragraph = undefined;
        otherBlock = false;
      } else if (paragraph && underline) {
        const level = underline[1]![0] === '=' ? 1 : 2;
        const title = cut(headingTitle(paragraph.lines.map((text) => text.trim()).join(' ')));
        headings.push({ start: paragraph.start, end, level, title, line: { start: paragraph.start, end: offset + line.length } });
        paragraph = undefined;
      } else if (THEMATIC_BREAK.test(line)) {
        paragraph = undefined;
        otherBlock = false;
      } else if (otherBlock || OTHER_BLOCK.test(line)) {
        otherBlock = true;
      } else if (paragraph) {
        paragraph.lines.push(line);
      } else if (!/^(?: {4}|\t)/.test(line)) {
        // Indented four spaces, a line that does not continue a paragraph is code.
        paragraph = { start: offset, lines: [line] };
      }
    } else {
      paragraph = undefined;
    }
    offset = end + 1;
  }
  return headings;
}

function headingTitle(written: string): string {
  return written.replace(/\s*\{[^{}]*\}\s*$/, '').trim();
}

const LATEX_LEVELS: Record<string, number> = { part: 0, chapter: 1, section: 2, subsection: 3, subsubsection: 4, paragraph: 5, subparagraph: 6 };
const LATEX_HEADING = /\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)(?![a-zA-Z])\*?[ \t]{0,20}(?:\[[^\]\n]{0,300}\][ \t]{0,20})?\{/g;

/** Sectioning commands outside comments, the title read to its closing brace and stripped of markup. */
function latexHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  const comments = new LatexComments(text);
  LATEX_HEADING.lastIndex = 0;
  for (let match = LATEX_HEADING.exec(text); match; match = LATEX_HEADING.exec(text)) {
    if (comments.isCommentedOut(match.index)) continue;
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    if (close < 0) continue;
    const title = cut(text.slice(open + 1, close).replace(/\\[a-zA-Z]+\*?\s*/g, '').replace(/[{}]/g, '').replace(/\s+/g, ' ').trim());
    headings.push({ start: match.index, end: close + 1, level: LATEX_LEVELS[match[1]!]!, title, line: { start: match.index, end: close + 1 } });
  }
  return headings;
}

/** The brace that closes the one at `open`, within 1000 characters, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < Math.min(text.length, open + 1000); index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function cut(title: string): string {
  return title.length > maxTitleLength ? `${title.slice(0, maxTitleLength - 1)}…` : title;
}
