/**
 * The writer's own bibliographies: which .bib files a manuscript names, and the keys they define. Shared by the
 * language server and the command-line linter; the core only ever sees the resulting entries (Config.bibliography).
 */
import * as path from 'path';
import type { BibliographyEntry, Config } from './core/config';
import type { CslName } from './core/knowledge/model';
import { readBibliographySource } from './core/sources';

/** Bibliography files the manuscript names: LaTeX \bibliography{a,b} and \addbibresource{c.bib}, Pandoc `bibliography:`. */
export function namedBibliographies(text: string, languageId: string): string[] {
  const names: string[] = [];
  if (languageId === 'latex') {
    for (const match of text.matchAll(/\\bibliography\s*\{([^}\n]{1,500})\}/g)) {
      for (const name of match[1].split(',')) if (name.trim()) names.push(name.trim().endsWith('.bib') ? name.trim() : `${name.trim()}.bib`);
    }
    for (const match of text.matchAll(/\\addbibresource\s*(?:\[[^\]\n]*\])?\s*\{([^}\n]{1,500})\}/g)) names.push(match[1].trim());
  } else if (languageId === 'markdown') {
    const frontMatter = /^---\r?\n([\s\S]{0,20000}?)\r?\n(?:---|\.\.\.)\r?\n/.exec(text);
    const yaml = frontMatter?.[1] ?? '';
    const single = /^bibliography:[ \t]*["']?([^"'\n[]+?)["']?[ \t]*$/m.exec(yaml);
    if (single) names.push(single[1].trim());
    const list = /^bibliography:[ \t]*\r?\n((?:[ \t]+-[^\n]*\r?\n?)+)/m.exec(yaml);
    if (list) for (const item of list[1].matchAll(/-[ \t]*["']?([^"'\n]+?)["']?[ \t]*$/gm)) names.push(item[1].trim());
    const inline = /^bibliography:[ \t]*\[([^\]\n]*)\]/m.exec(yaml);
    if (inline) for (const item of inline[1].split(',')) if (item.trim()) names.push(item.trim().replace(/^["']|["']$/g, ''));
  }
  return names;
}

/** The files a manuscript at `manuscriptPath` names, as paths from the manuscript's folder. */
export function bibliographyPaths(text: string, languageId: string, manuscriptPath: string): string[] {
  return namedBibliographies(text, languageId).map((name) => path.join(path.dirname(manuscriptPath), name));
}

/**
 * The entries a bibliography defines (key, title, authors, year), or why none could be read. Every entry that can be
 * read is kept: one broken entry no longer loses the file. (An adapter from the core's readers to the older shape.)
 */
export function bibliographyEntries(source: string, file: string): BibliographyEntry[] | string {
  const reading = readBibliographySource(source, file);
  const firstError = reading.problems.find((problem) => problem.severity === 'error');
  if (reading.references.length === 0 && firstError) return `cannot parse bibliography ${file}: line ${firstError.location.line + 1}: ${firstError.message}`;
  return reading.references.map(({ key, item }) => {
    const result: BibliographyEntry = { key };
    const names = item.author ?? item.editor;
    const year = item.issued?.['date-parts']?.[0]?.[0];
    if (item.title) result.title = item.title;
    if (names && names.length > 0) result.authors = names.map(nameAsWritten).join(' and ');
    if (year !== undefined) result.year = String(year);
    return result;
  });
}

/** "Smith, Ann", "van Gennep, Arnold", "World Health Organization": a name as a .bib would write it. */
function nameAsWritten(name: CslName): string {
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return [family, name.suffix, name.given].filter(Boolean).join(', ');
}

/** The entries of a BibTeX file, or why it could not be read or parsed. */
export function readBibliography(readFile: (file: string) => string, file: string): BibliographyEntry[] | string {
  let source: string;
  try {
    source = readFile(file);
  } catch (error) {
    return `cannot read bibliography ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  return bibliographyEntries(source, file);
}

/** What the server needs from the file system to read bibliographies; main.ts passes Node's, tests their own. */
export interface BibliographyFiles {
  /** Modification time in milliseconds; rejects when the file is missing. */
  modified(file: string): Promise<number>;
  read(file: string): Promise<string>;
}

export interface BibliographyRead {
  entries: BibliographyEntry[];
  /** Why a named bibliography could not be used, one line each. */
  problems: string[];
}

/**
 * Entries of the bibliographies manuscripts name, re-read only when a file changes, so linting after each pause in
 * typing costs a stat per bibliography, not a parse.
 */
export class BibliographyCache {
  private readonly cache = new Map<string, { modified: number; entries: BibliographyEntry[] | string }>();

  constructor(private readonly files: BibliographyFiles) {}

  async entriesFor(paths: readonly string[]): Promise<BibliographyRead> {
    const result: BibliographyRead = { entries: [], problems: [] };
    for (const file of paths) {
      const entries = await this.entriesOf(file);
      if (typeof entries === 'string') result.problems.push(entries);
      // One at a time: spreading 200,000 entries into push's arguments overflows the stack.
      else for (const entry of entries) result.entries.push(entry);
    }
    return result;
  }

  private async entriesOf(file: string): Promise<BibliographyEntry[] | string> {
    let modified: number;
    try {
      modified = await this.files.modified(file);
    } catch (error) {
      this.cache.delete(file);
      return `cannot read bibliography ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
    const cached = this.cache.get(file);
    if (cached && cached.modified === modified) return cached.entries;
    let entries: BibliographyEntry[] | string;
    try {
      entries = bibliographyEntries(await this.files.read(file), file);
    } catch (error) {
      entries = `cannot read bibliography ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
    this.cache.set(file, { modified, entries });
    return entries;
  }
}

/** The config with the bibliography entries added to those it already has. */
export function withBibliography(config: Config, entries: readonly BibliographyEntry[]): Config {
  if (entries.length === 0) return config;
  return { ...config, bibliography: [...config.bibliography, ...entries] };
}
