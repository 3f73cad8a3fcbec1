/**
 * The files a LaTeX manuscript names: bibliographies (`\bibliography{a,b}`, `\addbibresource[…]{x.bib}`,
 * `\addglobalbib`, `\addsectionbib`), included files (`\input{…}`, `\include{…}`, `\subfile{…}`, and TeX's brace-less
 * `\input chapters/intro`) and the
 * `% !TEX root = main.tex` magic comment. Commented-out commands are ignored; arguments may span lines and
 * hold `%` comments.
 */
import type { BibliographyCommand, IncludedFile, Span } from './types';

export interface LatexFiles {
  bibliographyCommands: BibliographyCommand[];
  includes: IncludedFile[];
}

const BIBLIOGRAPHY_COMMANDS = new Set(['bibliography', 'addbibresource', 'addglobalbib', 'addsectionbib']);
const INCLUDE_COMMANDS = new Set(['input', 'include', 'subfile']);
/** `\name`, a star, optional `[…]` arguments (no brackets or braces inside), then `{`; bounded so it stays linear. */
const COMMAND = /\\(bibliography|addbibresource|addglobalbib|addsectionbib|input|include|subfile)(?![a-zA-Z])\*?[ \t\r\n]{0,40}(?:\[[^\][{}\n]{0,500}\][ \t\r\n]{0,40}){0,3}\{/g;
/**
 * TeX's primitive syntax, `\input chapters/intro`: the name follows spaces on the same line and ends at whitespace or
 * the end of the line; a brace after the spaces is the form COMMAND reads. Not `\include`: a LaTeX macro, it would
 * take the one letter after the space as its argument.
 */
const BARE_INCLUDE = /\\(input)(?![a-zA-Z])[ \t]{1,40}([^\s{}%\\[\]]{1,1000})/g;
const TEX_ROOT = /^[ \t]*%[ \t]*!TEX[ \t]+root[ \t]*=[ \t]*(.*?)[ \t]*\r?$/gim;

export function findLatexFiles(text: string): LatexFiles {
  const bibliographyCommands: BibliographyCommand[] = [];
  const includes: IncludedFile[] = [];
  COMMAND.lastIndex = 0;
  TEX_ROOT.lastIndex = 0;
  const comments = new LatexComments(text);
  for (let match = COMMAND.exec(text); match; match = COMMAND.exec(text)) {
    if (comments.isCommentedOut(match.index)) continue;
    const command = match[1]!;
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    if (close < 0) continue;
    COMMAND.lastIndex = close + 1;
    const names = argumentParts(text, open + 1, close, command === 'bibliography');
    if (BIBLIOGRAPHY_COMMANDS.has(command)) {
      for (const span of names) bibliographyCommands.push({ command, name: text.slice(span.start, span.end), span });
    } else if (INCLUDE_COMMANDS.has(command) && names[0]) {
      includes.push({ command: command as IncludedFile['command'], path: text.slice(names[0].start, names[0].end), span: names[0] });
    }
  }
  BARE_INCLUDE.lastIndex = 0;
  const bareComments = new LatexComments(text);
  for (let match = BARE_INCLUDE.exec(text); match; match = BARE_INCLUDE.exec(text)) {
    if (bareComments.isCommentedOut(match.index)) continue;
    const path = match[2]!;
    const start = match.index + match[0].length - path.length;
    includes.push({ command: match[1] as 'input' | 'include', path, span: { start, end: start + path.length } });
  }
  for (let match = TEX_ROOT.exec(text); match; match = TEX_ROOT.exec(text)) {
    const path = match[1]!;
    if (!path) continue;
    const start = match.index + match[0].indexOf(path, match[0].indexOf('='));
    includes.push({ command: 'root', path, span: { start, end: start + path.length } });
  }
  includes.sort((a, b) => a.span.start - b.span.start);
  return { bibliographyCommands, includes };
}

/**
 * Whether an unescaped `%` comes before an offset on its line. Asked with growing offsets, it reads each line once
 * however many commands the line holds, so a 5 MB line of `\\input{x}` stays linear.
 */
export class LatexComments {
  private lineStart = 0;
  private lineEnd = -1;
  /** [lineStart, scanned) has been read; commentAt is the first `%` in it, or -1. */
  private scanned = 0;
  private commentAt = -1;

  constructor(private readonly text: string) {}

  isCommentedOut(offset: number): boolean {
    const text = this.text;
    if (offset < this.lineStart || offset > this.lineEnd) {
      this.lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      const lineEnd = text.indexOf('\n', offset);
      this.lineEnd = lineEnd < 0 ? text.length : lineEnd;
      this.scanned = this.lineStart;
      this.commentAt = -1;
    }
    if (this.commentAt < 0 && offset > this.scanned) {
      let j = this.scanned;
      for (; j < offset; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x5c /* \ */) {
          j++;
        } else if (c === 0x25 /* % */) {
          this.commentAt = j;
          break;
        }
      }
      this.scanned = j;
    }
    return this.commentAt >= 0 && this.commentAt < offset;
  }
}

/** The `}` closing the `{` at `open` (no nesting expected in file names), or -1 at a blank line or the end. */
function closingBrace(text: string, open: number): number {
  for (let j = open + 1; j < text.length && j - open < 4000; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x7d) return j;
    if (c === 0x7b) return -1;
    if (c === 0x25) {
      const lineEnd = text.indexOf('\n', j);
      if (lineEnd < 0) return -1;
      j = lineEnd - 1;
    }
  }
  return -1;
}

/** The trimmed comma-separated parts (or the one whole part) of [from, to), `%` comments left out. */
function argumentParts(text: string, from: number, to: number, split: boolean): Span[] {
  const parts: Span[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start >= 0) parts.push({ start, end });
    start = end = -1;
  };
  for (let j = from; j <= to; j++) {
    const c = j < to ? text.charCodeAt(j) : 0x2c;
    if (c === 0x25 /* % */) {
      while (j + 1 < to && text.charCodeAt(j + 1) !== 0x0a) j++;
      continue;
    }
    if (c === 0x2c && (split || j === to)) {
      flush();
      continue;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      if (start < 0) start = j;
      end = j + 1;
    }
  }
  return parts;
}
