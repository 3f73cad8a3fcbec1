/**
 * LaTeX prose: one left-to-right character scanner. Comments, math, verbatim, the preamble, the reference list
 * and command names are left out; text arguments (\section, \emph, \caption…) stay prose, and cite commands
 * stay whole so the citation scanner reads them. Unclosed math or arguments end at the paragraph's end, unclosed
 * environments at the document's end, and the scanner always moves past what it has read.
 */
import { readLatexCite } from './citations';
import { isReferenceHeading, ProseCollector, skipSpaces, type ProseExtraction } from './proseCollector';
import type { SentenceKind } from './types';

export function extractLatexProse(text: string): ProseExtraction {
  return new LatexScanner(text).run();
}

const SECTION_LEVELS: ReadonlyMap<string, number> = new Map([
  ['part', 0], ['chapter', 1], ['section', 2], ['subsection', 3], ['subsubsection', 4], ['paragraph', 5], ['subparagraph', 6],
]);

/** Environments whose content is not prose at all, skipped to their \end. */
const SKIPPED_ENVIRONMENTS = new Set([
  'equation', 'align', 'alignat', 'flalign', 'gather', 'multline', 'eqnarray', 'math', 'displaymath', 'dmath', 'subequations',
  'verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment', 'filecontents', 'tikzpicture', 'alltt',
]);

/** Environments whose arguments (column specs, widths) are not prose. */
const ARGUMENT_ENVIRONMENTS = new Set(['tabular', 'tabularx', 'tabulary', 'longtable', 'array', 'minipage', 'wrapfigure', 'subfigure', 'multicols']);

const MAX_TRACKED_ENVIRONMENTS = 64;

const TABULAR_ENVIRONMENTS = new Set(['tabular', 'tabularx', 'tabulary', 'longtable', 'array']);

/** Commands whose arguments are all markup, labels, keys, paths or lengths. */
const SKIP_ARGUMENT_COMMANDS = new Set([
  'label', 'ref', 'eqref', 'autoref', 'cref', 'Cref', 'pageref', 'nameref', 'vref', 'url', 'includegraphics', 'input', 'include',
  'includeonly', 'usepackage', 'RequirePackage', 'documentclass', 'bibliography', 'bibliographystyle', 'addbibresource',
  'printbibliography', 'bibitem', 'subfile', 'addglobalbib', 'addsectionbib', 'nobibliography', 'newcommand', 'renewcommand', 'providecommand', 'newenvironment', 'renewenvironment',
  'DeclareMathOperator', 'def', 'setlength', 'addtolength', 'setcounter', 'addtocounter', 'hspace', 'vspace', 'hypersetup',
  'graphicspath', 'pagestyle', 'thispagestyle', 'pagenumbering', 'linespread', 'geometry', 'definecolor', 'color',
  'fontsize', 'cline', 'cmidrule', 'rule', 'raisebox', 'resizebox', 'scalebox', 'newtheorem', 'captionsetup', 'setstretch',
  'doi', 'email', 'orcid', 'affiliation', 'date', 'thanks', 'multirow', 'multicolumn',
]);

/** Commands whose first argument is markup and whose second is text. */
const FIRST_ARGUMENT_MARKUP_COMMANDS = new Set(['href', 'textcolor', 'colorbox', 'foreignlanguage']);

class LatexScanner {
  private readonly out: ProseCollector;
  /** Open brace groups: the kind of block that resumes when each closes, or null for a group that changes no block. */
  private readonly groups: (SentenceKind | null)[] = [];
  private readonly environments: string[] = [];
  private tabularDepth = 0;
  private runStart = 0;
  private stop: number;

  constructor(private readonly text: string) {
    this.out = new ProseCollector(text);
    this.stop = text.length;
  }

  run(): ProseExtraction {
    const text = this.text;
    let start = 0;
    const beginDocument = text.indexOf('\\begin{document}');
    if (beginDocument >= 0) start = beginDocument + '\\begin{document}'.length;
    const endDocument = text.indexOf('\\end{document}', start);
    if (endDocument >= 0) this.stop = endDocument;
    this.scan(start);
    return this.out.finish();
  }

  private scan(from: number): void {
    const text = this.text;
    const stop = this.stop;
    let i = from;
    this.runStart = from;
    while (i < stop) {
      switch (text.charCodeAt(i)) {
        case 0x25 /* % */:
          i = this.exclude(i, lineEnd(text, i, stop));
          break;
        case 0x0a:
          if (isBlankLineAhead(text, i + 1, stop)) {
            this.keepUntil(i);
            this.out.endBlock();
            i++;
            while (i < stop && isWhitespace(text.charCodeAt(i))) i++;
            this.runStart = i;
          } else {
            i++;
          }
          break;
        case 0x24 /* $ */:
          i = this.exclude(i, text.startsWith('$$', i) ? this.closeOf('$$', i + 2) : this.closeOf('$', i + 1));
          break;
        case 0x7b /* { */:
          this.groups.push(null);
          i = this.exclude(i, i + 1);
          break;
        case 0x7d /* } */: {
          this.keepUntil(i);
          const resumeKind = this.groups.pop();
          if (resumeKind) this.out.startBlock(resumeKind);
          i = this.exclude(i, i + 1);
          break;
        }
        case 0x26 /* & */:
          this.keepUntil(i);
          if (this.tabularDepth > 0) this.out.startBlock('prose');
          i = this.exclude(i, i + 1);
          break;
        case 0x5c /* \ */:
          i = this.command(i);
          break;
        default:
          i++;
      }
    }
    this.keepUntil(stop);
  }

  /** Keeps the pending prose run up to `until`. */
  private keepUntil(until: number): void {
    this.out.keep(this.runStart, until);
    this.runStart = until;
  }

  /** Keeps the pending run, leaves out [from, to) and returns `to`. */
  private exclude(from: number, to: number): number {
    this.keepUntil(from);
    const end = Math.max(to, from + 1);
    this.runStart = end;
    return end;
  }

  private command(backslash: number): number {
    const text = this.text;
    const next = text.charCodeAt(backslash + 1);
    if (!isLetter(next)) {
      if (next === 0x28 /* ( */) return this.exclude(backslash, this.closeOf('\\)', backslash + 2));
      if (next === 0x5b /* [ */) return this.exclude(backslash, this.closeOf('\\]', backslash + 2));
      if (next === 0x5c /* \ */) {
        this.keepUntil(backslash);
        if (this.tabularDepth > 0) this.out.startBlock('prose');
        let j = backslash + 2;
        if (text.charCodeAt(j) === 0x2a) j++;
        return this.exclude(backslash, this.skipOptionalArguments(j));
      }
      // Escaped characters (\%, \&, \$), accents and spacing commands are part of the prose.
      return backslash + 2;
    }
    let nameEnd = backslash + 1;
    while (nameEnd < this.stop && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(backslash + 1, nameEnd);

    const citation = readLatexCite(text, backslash, this.stop);
    if (citation) return citation.end;

    let j = nameEnd;
    if (text.charCodeAt(j) === 0x2a /* * */) j++;
    this.keepUntil(backslash);

    if (name === 'begin') return this.begin(backslash, j);
    if (name === 'end') return this.end(backslash, j);
    if (name === 'item') {
      this.out.startBlock('list-item');
      return this.exclude(backslash, this.skipOptionalArguments(j));
    }
    if (name === 'par') {
      this.out.endBlock();
      return this.exclude(backslash, j);
    }
    const level = SECTION_LEVELS.get(name);
    if (level !== undefined) return this.section(backslash, j, level);
    if (name === 'title') return this.textArgument(backslash, j, 'heading');
    if (name === 'caption') return this.textArgument(backslash, j, 'caption');
    if (name === 'footnote') return this.textArgument(backslash, j, 'prose');
    if (name === 'verb') return this.exclude(backslash, verbatimEnd(text, j, this.stop));
    if (name === 'iffalse') return this.exclude(backslash, conditionalEnd(text, nameEnd, this.stop));
    if (SKIP_ARGUMENT_COMMANDS.has(name)) return this.exclude(backslash, this.skipArguments(j, Infinity));
    if (FIRST_ARGUMENT_MARKUP_COMMANDS.has(name)) return this.exclude(backslash, this.skipArguments(j, 1));
    // Unknown commands (\emph, \textbf, \ldots, macros): the name and optional arguments go; a braced argument stays prose.
    return this.exclude(backslash, this.skipOptionalArguments(j));
  }

  private begin(backslash: number, from: number): number {
    const text = this.text;
    const argument = this.readName(from);
    this.out.endBlock();
    if (!argument) return this.exclude(backslash, from);
    const { name, end } = argument;
    const base = name.endsWith('*') ? name.slice(0, -1) : name;
    if (SKIPPED_ENVIRONMENTS.has(base) || base === 'thebibliography') {
      if (base === 'thebibliography') this.out.markReferenceList(backslash);
      const closing = `\\end{${name}}`;
      const close = text.indexOf(closing, end);
      return this.exclude(backslash, close < 0 || close >= this.stop ? this.stop : close + closing.length);
    }
    // Real documents nest a handful of environments; the cap keeps a flood of unclosed \begin from making \end slow.
    if (this.environments.length < MAX_TRACKED_ENVIRONMENTS) {
      this.environments.push(base);
      if (TABULAR_ENVIRONMENTS.has(base)) this.tabularDepth++;
    }
    const after = ARGUMENT_ENVIRONMENTS.has(base) ? this.skipArguments(end, Infinity) : this.skipOptionalArguments(end);
    return this.exclude(backslash, after);
  }

  private end(backslash: number, from: number): number {
    const argument = this.readName(from);
    this.out.endBlock();
    if (!argument) return this.exclude(backslash, from);
    const base = argument.name.endsWith('*') ? argument.name.slice(0, -1) : argument.name;
    const index = this.environments.lastIndexOf(base);
    if (index >= 0) {
      for (const closed of this.environments.splice(index)) {
        if (TABULAR_ENVIRONMENTS.has(closed)) this.tabularDepth--;
      }
    }
    return this.exclude(backslash, argument.end);
  }

  /** \section{Title}: the title is a heading block, unless it names the reference list, which is skipped whole. */
  private section(backslash: number, from: number, level: number): number {
    const text = this.text;
    const open = skipSpaces(text, this.skipOptionalArguments(from), this.stop);
    if (text.charCodeAt(open) !== 0x7b) return this.exclude(backslash, from);
    // Only a short title can name the reference list; the bound keeps `\section{\section{…` linear.
    const close = this.matchingBrace(open, open + 200);
    if (isReferenceHeading(text.slice(open + 1, close))) {
      this.out.endBlock();
      this.out.markReferenceList(backslash);
      return this.exclude(backslash, this.referenceSectionEnd(close, level));
    }
    return this.openTextGroup(backslash, open, 'heading');
  }

  private textArgument(backslash: number, from: number, kind: SentenceKind): number {
    const open = skipSpaces(this.text, this.skipOptionalArguments(from), this.stop);
    if (this.text.charCodeAt(open) !== 0x7b) return this.exclude(backslash, from);
    return this.openTextGroup(backslash, open, kind);
  }

  /** Starts a block of `kind` for the group opening at `open`; the surrounding block's kind resumes when it closes. */
  private openTextGroup(backslash: number, open: number, kind: SentenceKind): number {
    const resumeKind: SentenceKind = this.out.kind === 'list-item' ? 'list-item' : 'prose';
    this.out.startBlock(kind);
    this.groups.push(resumeKind);
    return this.exclude(backslash, open + 1);
  }

  /** The reference section runs to the next sectioning command of the same or a higher level, or to the end. */
  private referenceSectionEnd(from: number, level: number): number {
    const pattern = /\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph|appendix)\b/g;
    pattern.lastIndex = from;
    for (let match = pattern.exec(this.text); match && match.index < this.stop; match = pattern.exec(this.text)) {
      const found = match[1] === 'appendix' ? -1 : SECTION_LEVELS.get(match[1]!)!;
      if (found <= level) return match.index;
    }
    return this.stop;
  }

  private readName(from: number): { name: string; end: number } | undefined {
    const text = this.text;
    const open = skipSpaces(text, from, this.stop);
    if (text.charCodeAt(open) !== 0x7b) return undefined;
    for (let j = open + 1; j < this.stop && j - open < 100; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x7d) return { name: text.slice(open + 1, j).trim(), end: j + 1 };
      if (c === 0x7b || c === 0x5c || c === 0x0a) return undefined;
    }
    return undefined;
  }

  /** Skips `[...]` arguments that follow directly. */
  private skipOptionalArguments(from: number): number {
    let j = from;
    while (this.text.charCodeAt(j) === 0x5b) {
      const close = this.matchingBracket(j);
      if (close < 0) return j;
      j = close + 1;
    }
    return j;
  }

  /** Skips up to `count` braced arguments and any optional ones around them, spaces allowed between. */
  private skipArguments(from: number, count: number): number {
    const text = this.text;
    let j = from;
    let braced = 0;
    while (braced < count) {
      const k = skipSpaces(text, j, this.stop);
      const c = text.charCodeAt(k);
      if (c === 0x5b) {
        const close = this.matchingBracket(k);
        if (close < 0) return j;
        j = close + 1;
      } else if (c === 0x7b) {
        j = Math.min(this.matchingBrace(k) + 1, this.stop);
        braced++;
      } else {
        return j;
      }
    }
    return j;
  }

  /** The `}` matching the `{` at `open`, or the paragraph's end (or `limit`) when it is unclosed. */
  private matchingBrace(open: number, limit = this.stop): number {
    const text = this.text;
    const stop = Math.min(limit, this.stop);
    let depth = 0;
    for (let j = open; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) j++;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) return j;
      else if (c === 0x0a && isBlankLineAhead(text, j + 1, this.stop)) return j;
    }
    return stop;
  }

  /**
   * The `]` closing an optional argument, or -1. It gives up at the next `[` or blank line, so the text read for
   * one command's optional argument never runs into the next one's.
   */
  private matchingBracket(open: number): number {
    const text = this.text;
    let braces = 0;
    for (let j = open + 1; j < this.stop; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) j++;
      else if (c === 0x7b) braces++;
      else if (c === 0x7d) braces--;
      else if (c === 0x5d && braces <= 0) return j;
      else if (c === 0x5b) return -1;
      else if (c === 0x0a && isBlankLineAhead(text, j + 1, this.stop)) return -1;
    }
    return -1;
  }

  /** The offset after `closer`, skipping escapes; unclosed, the paragraph's (or document's) end. */
  private closeOf(closer: string, from: number): number {
    const text = this.text;
    const first = closer.charCodeAt(0);
    for (let j = from; j < this.stop; j++) {
      const c = text.charCodeAt(j);
      if (c === first && text.startsWith(closer, j)) return j + closer.length;
      if (c === 0x5c) j++;
      else if (c === 0x0a && isBlankLineAhead(text, j + 1, this.stop)) return j;
    }
    return this.stop;
  }
}

/**
 * The offset after the `\fi` closing an `\iffalse` whose name ends at `from` (nested `\if…` counted), or the
 * document's end: text switched off this way is neither prose nor citations.
 */
function conditionalEnd(text: string, from: number, stop: number): number {
  const pattern = /\\(if[a-zA-Z]*|fi)(?![a-zA-Z])|\\[^a-zA-Z]|%[^\n]*/g;
  pattern.lastIndex = from;
  let depth = 1;
  for (let match = pattern.exec(text); match && match.index < stop; match = pattern.exec(text)) {
    if (match[1] === undefined || match[1] === 'ifthenelse') continue;
    if (match[1] === 'fi') {
      if (--depth === 0) return match.index + match[0].length;
    } else {
      depth++;
    }
  }
  return stop;
}

function verbatimEnd(text: string, from: number, stop: number): number {
  const delimiter = text.charCodeAt(from);
  if (from >= stop || isLetter(delimiter) || isWhitespace(delimiter)) return from;
  for (let j = from + 1; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (c === delimiter) return j + 1;
    if (c === 0x0a) return j;
  }
  return stop;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function lineEnd(text: string, from: number, stop: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 || end > stop ? stop : end;
}

function isBlankLineAhead(text: string, from: number, stop: number): boolean {
  for (let j = from; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

