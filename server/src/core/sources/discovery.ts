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

/** \bibliography{a,b} (.bib added when missing), \addbibresource[…]{c.bib}, \addglobalbib and \addsectionbib. */
export function latexBibliographies(text: string): NameInText[] {
  const names: NameInText[] = [];
  // The manuscript parser's LaTeX scanner finds the commands (comments skipped, arguments across lines).
  for (const { command, name, span } of findLatexFiles(text).bibliographyCommands) {
    if (!name || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) continue; // remote resources are not files
    const file = command === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name;
    names.push({ ...positionOf(text, span.start), name: file, length: name.length });
  }
  return names;
}

export function latexIncludes(text: string): NameInText[] {
  const names: NameInText[] = findLatexFiles(text)
    .includes.filter((include) => include.command !== 'root' && include.path)
    .map(({ path, span }) => ({ ...positionOf(text, span.start), name: path, length: path.length }));
  // The import package's two-argument commands (folder, then file), which the parser does not need.
  const code = withoutLatexComments(text);
  for (const match of code.matchAll(/\\(?:sub)?(?:import|inputfrom|includefrom)\*?\s*\{([^{}]{0,500})\}\s*\{([^{}]{1,500})\}/g)) {
    const folder = match[1].trim();
    const file = trimmed(match[2], match.index + match[0].lastIndexOf('{') + 1);
    const name = folder ? `${folder.replace(/\/?$/, '/')}${file.name}` : file.name;
    if (file.name) names.push({ ...positionOf(text, file.offset), name, length: file.name.length });
  }
  return names;
}

export function latexMagicRoot(text: string): NameInText | undefined {
  const root = findLatexFiles(text.slice(0, 5000)).includes.find((include) => include.command === 'root');
  return root ? { ...positionOf(text, root.span.start), name: root.path, length: root.path.length } : undefined;
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
  const offset = frontMatter[0].indexOf(frontMatter[1]);
  return yamlBibliographies(frontMatter[1]).map((name) => shifted(name, text, offset, frontMatter[1]));
}

/**
 * `bibliography:` in a YAML file (metadata.yaml, a Pandoc defaults file): at the top level, under `metadata:` (Pandoc
 * defaults), and, for Quarto's _quarto.yml and _metadata.yml, under each `format:` (format: {html: {bibliography}}).
 */
export function yamlBibliographies(yaml: string): NameInText[] {
  const document = parseDocument(yaml, { uniqueKeys: false, strict: false });
  const nodes: unknown[] = [document.get('bibliography', true), document.getIn(['metadata', 'bibliography'], true)];
  const formats = document.get('format', true);
  if (formats && typeof formats === 'object' && 'items' in formats && Array.isArray(formats.items)) {
    for (const pair of formats.items as Array<{ value?: unknown }>) {
      const value = pair.value as { get?: (key: string, keepScalar: boolean) => unknown } | undefined;
      if (value && typeof value.get === 'function') nodes.push(value.get('bibliography', true));
    }
  }
  const names: NameInText[] = [];
  for (const node of nodes) {
    const scalars = isSeq(node) ? node.items : [node];
    for (const item of scalars) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.value.trim()) continue;
      if (/^(?:https?|ftp):\/\//i.test(item.value.trim())) continue; // a remote bibliography is not a file
      const start = (item as YamlNode).range?.[0] ?? 0;
      const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
      names.push({ ...positionOf(yaml, start + quoted), name: item.value.trim(), length: item.value.trim().length });
    }
  }
  return names;
}

function trimmed(part: string, offset: number): { name: string; offset: number } {
  const leading = part.length - part.trimStart().length;
  return { name: part.trim(), offset: offset + leading };
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/** A name found in an embedded text (front matter), moved to its position in the whole text. */
function shifted(name: NameInText, text: string, offset: number, embedded: string): NameInText {
  const lines = embedded.split('\n');
  const absolute = lines.slice(0, name.line).reduce((sum, line) => sum + line.length + 1, 0) + name.character + offset;
  return { ...name, ...positionOf(text, absolute) };
}
