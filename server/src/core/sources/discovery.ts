/**
 * Which bibliographies a manuscript names, from its text alone: LaTeX \bibliography{…} and \addbibresource{…}, the
 * files a LaTeX root \input's, `% !TEX root`, and `bibliography:` in YAML (Pandoc front matter, Manubot's
 * metadata.yaml, Quarto's _quarto.yml), read with a real YAML parser. Pure: text in, names with positions out;
 * bibliographySources.ts turns the names into files.
 */
import { findLatexFiles } from '../manuscript/latexFiles';
import { isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** A file name as written in a text, with where it was written (0-based line and character, and its length). */
export interface NameInText {
  name: string;
  line: number;
  character: number;
  length: number;
}

/** The format a bibliography file is read as, from its extension (.bib when unsure, as BibTeX tools assume). */
export function formatOfBibliography(name: string): BibliographyFormat {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'json') return 'csl-json';
  if (extension === 'yaml' || extension === 'yml') return 'csl-yaml';
  return 'bibtex';
}

/** The text with each LaTeX % comment blanked (same length, so offsets stay), \% kept. */
export function withoutLatexComments(text: string): string {
  return text.replace(/(^|[^\\])((?:\\\\)*)%[^\n]*/g, (match, before: string, slashes: string) => before + slashes + ' '.repeat(match.length - before.length - slashes.length));
}

/**
 * \bibliography{a,b} (.bib added when missing), \addbibresource[…]{c.bib}, \addglobalbib and \addsectionbib. Each
 * file once, where it is first named: a text that names one file a million times costs one check of it, not a million.
 */
export function latexBibliographies(text: string): NameInText[] {
  const names: NameInText[] = [];
  const seen = new Set<string>();
  const positions = new LinePositions(text);
  // The manuscript parser's LaTeX scanner finds the commands (comments skipped, arguments across lines).
  for (const { command, name, span } of findLatexFiles(text).bibliographyCommands) {
    if (!name || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) continue; // remote resources are not files
    const file = command === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name;
    if (seen.has(file)) continue;
    seen.add(file);
    names.push({ ...positions.at(span.start), name: file, length: name.length });
  }
  return names;
}

export function latexIncludes(text: string): NameInText[] {
  const positions = new LinePositions(text);
  const names: NameInText[] = findLatexFiles(text)
    .includes.filter((include) => include.command !== 'root' && include.path)
    .map(({ path, span }) => ({ ...positions.at(span.start), name: path, length: path.length }));
  // The import package's two-argument commands (folder, then file), which the parser does not need.
  const code = withoutLatexComments(text);
  for (const match of code.matchAll(/\\(?:sub)?(?:import|inputfrom|includefrom)\*?\s*\{([^{}]{0,500})\}\s*\{([^{}]{1,500})\}/g)) {
    const folder = match[1].trim();
    const file = trimmed(match[2], match.index + match[0].lastIndexOf('{') + 1);
    const name = folder ? `${folder.replace(/\/?$/, '/')}${file.name}` : file.name;
    if (file.name) names.push({ ...positions.at(file.offset), name, length: file.name.length });
  }
  return names;
}

export function latexMagicRoot(text: string): NameInText | undefined {
  const head = text.slice(0, 5000);
  const root = findLatexFiles(head).includes.find((include) => include.command === 'root');
  return root ? { ...new LinePositions(head).at(root.span.start), name: root.path, length: root.path.length } : undefined;
}

/** Whether the LaTeX text is a whole document (it has \documentclass), not a chapter some root file takes in. */
export function isLatexRoot(text: string): boolean {
  // Most candidates are chapters: a plain search rules them out before the comment-aware scan.
  if (!text.includes('\\documentclass')) return false;
  return /\\documentclass(?![a-zA-Z@])/.test(withoutLatexComments(text));
}

/** `bibliography:` in a Markdown file's YAML front matter: a string or a list (block or flow), comments allowed. */
export function frontMatterBibliographies(text: string): NameInText[] {
  const frontMatter = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]{0,100000}?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!frontMatter) return [];
  const offset = frontMatter.index + frontMatter[0].indexOf(frontMatter[1]);
  const positions = new LinePositions(text);
  return yamlBibliographyNames(frontMatter[1]).map(({ name, offset: at }) => ({ ...positions.at(offset + at), name, length: name.length }));
}

/**
 * `bibliography:` in a YAML file (metadata.yaml, a Pandoc defaults file): at the top level, under `metadata:` (Pandoc
 * defaults), and, for Quarto's _quarto.yml and _metadata.yml, under each `format:` (format: {html: {bibliography}}).
 */
export function yamlBibliographies(yaml: string): NameInText[] {
  const positions = new LinePositions(yaml);
  return yamlBibliographyNames(yaml).map(({ name, offset }) => ({ ...positions.at(offset), name, length: name.length }));
}

/** The names yamlBibliographies finds, each with its offset in the YAML text. */
function yamlBibliographyNames(yaml: string): Array<{ name: string; offset: number }> {
  const document = parseDocument(yaml, { uniqueKeys: false, strict: false });
  const nodes: unknown[] = [document.get('bibliography', true), document.getIn(['metadata', 'bibliography'], true)];
  const formats = document.get('format', true);
  if (formats && typeof formats === 'object' && 'items' in formats && Array.isArray(formats.items)) {
    for (const pair of formats.items as Array<{ value?: unknown }>) {
      const value = pair.value as { get?: (key: string, keepScalar: boolean) => unknown } | undefined;
      if (value && typeof value.get === 'function') nodes.push(value.get('bibliography', true));
    }
  }
  const names: Array<{ name: string; offset: number }> = [];
  for (const node of nodes) {
    const scalars = isSeq(node) ? node.items : [node];
    for (const item of scalars) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.value.trim()) continue;
      if (/^(?:https?|ftp):\/\//i.test(item.value.trim())) continue; // a remote bibliography is not a file
      const start = (item as YamlNode).range?.[0] ?? 0;
      const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
      names.push({ name: item.value.trim(), offset: start + quoted });
    }
  }
  return names;
}

function trimmed(part: string, offset: number): { name: string; offset: number } {
  const leading = part.length - part.trimStart().length;
  return { name: part.trim(), offset: offset + leading };
}

/** Line and character of offsets in one text: its line starts found once, then a binary search per offset. */
class LinePositions {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; character: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low]! };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}


