/**
 * The writer's own bibliographies: reading the files discovery found (core/sources/bibliographySources.ts) through the
 * safe WorkspaceFileSystem, and the keys they define. Shared by the language server and the command-line linter; the
 * core only ever sees the resulting entries (Config.bibliography).
 */
import { entries } from 'bibtex-parse';
import { parse as parseYaml } from 'yaml';
import type { BibliographyEntry, Config } from './core/config';
import type { BibliographyFormat } from './core/sources/discovery';
import type { DiscoveredBibliography } from './core/sources/bibliographySources';
import type { WorkspaceFileSystem } from './core/workspace';

/** The entries BibTeX source defines (key, title, authors, year), or why it could not be parsed. */
export function bibliographyEntries(source: string, file: string): BibliographyEntry[] | string {
  try {
    return entries(source).map((entry) => {
      const field = (name: string) => (entry[name] === undefined ? undefined : String(entry[name]).replace(/\s+/g, ' ').trim());
      const result: BibliographyEntry = { key: entry.key };
      const title = field('TITLE');
      const authors = field('AUTHOR') ?? field('EDITOR');
      const year = field('YEAR') ?? field('DATE')?.slice(0, 4);
      if (title) result.title = title;
      if (authors) result.authors = authors;
      if (year) result.year = year;
      return result;
    });
  } catch (error) {
    return `cannot parse bibliography ${file}: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** CSL-JSON (Manubot's manual-references.json, Zotero's export) or CSL-YAML items as entries, or why not. */
export function cslEntries(source: string, file: string, format: 'csl-json' | 'csl-yaml'): BibliographyEntry[] | string {
  let items: unknown;
  try {
    items = format === 'csl-json' ? JSON.parse(source) : parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    return `cannot parse bibliography ${file}: ${(error as Error).message.split('\n')[0]}`;
  }
  // CSL-YAML usually wraps the items in `references:`.
  if (items && typeof items === 'object' && !Array.isArray(items) && Array.isArray((items as { references?: unknown }).references)) {
    items = (items as { references: unknown[] }).references;
  }
  if (!Array.isArray(items)) return `cannot parse bibliography ${file}: expected a list of CSL items`;
  const result: BibliographyEntry[] = [];
  for (const item of items as Array<Record<string, unknown>>) {
    if (!item || typeof item !== 'object' || (typeof item.id !== 'string' && typeof item.id !== 'number')) continue;
    const entry: BibliographyEntry = { key: String(item.id) };
    if (typeof item.title === 'string') entry.title = item.title.replace(/\s+/g, ' ').trim();
    const people = Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? item.editor : [];
    const authors = (people as Array<Record<string, unknown>>)
      .map((person) => (typeof person?.literal === 'string' ? person.literal : [person?.family, person?.given].filter((part) => typeof part === 'string').join(', ')))
      .filter(Boolean);
    if (authors.length > 0) entry.authors = authors.join(' and ');
    const year = (item.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
    if (typeof year === 'number' || typeof year === 'string') entry.year = String(year);
    result.push(entry);
  }
  return result;
}

/** The entries of a bibliography file read through the safe file system, or why it could not be read or parsed. */
export async function readBibliography(
  files: WorkspaceFileSystem,
  uri: string,
  format: BibliographyFormat,
  name: string,
): Promise<BibliographyEntry[] | string> {
  let source: string;
  try {
    source = await files.read(uri);
  } catch (error) {
    return `cannot read bibliography ${name}: ${(error as Error).message}`;
  }
  return format === 'bibtex' ? bibliographyEntries(source, name) : cslEntries(source, name, format);
}

export interface BibliographyRead {
  entries: BibliographyEntry[];
  /** Why a named bibliography could not be used, one line each. */
  problems: string[];
}

/**
 * Entries of the bibliographies manuscripts use, re-read only when a file changes, so linting after each pause in
 * typing costs a stat per bibliography, not a parse.
 */
export class BibliographyCache {
  private readonly cache = new Map<string, { modified: number; entries: BibliographyEntry[] | string }>();

  async entriesFor(files: WorkspaceFileSystem, bibliographies: readonly DiscoveredBibliography[]): Promise<BibliographyRead> {
    const result: BibliographyRead = { entries: [], problems: [] };
    for (const bibliography of bibliographies) {
      const entries = await this.entriesOf(files, bibliography);
      if (typeof entries === 'string') result.problems.push(entries);
      else result.entries.push(...entries);
    }
    return result;
  }

  private async entriesOf(files: WorkspaceFileSystem, { uri, format }: DiscoveredBibliography): Promise<BibliographyEntry[] | string> {
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    let modified: number;
    try {
      modified = (await files.stat(uri)).mtime;
    } catch (error) {
      this.cache.delete(uri);
      return `cannot read bibliography ${name}: ${(error as Error).message}`;
    }
    const cached = this.cache.get(uri);
    if (cached && cached.modified === modified) return cached.entries;
    const entries = await readBibliography(files, uri, format, name);
    this.cache.set(uri, { modified, entries });
    return entries;
  }
}

/** The config with the bibliography entries added to those it already has. */
export function withBibliography(config: Config, entries: readonly BibliographyEntry[]): Config {
  if (entries.length === 0) return config;
  return { ...config, bibliography: [...config.bibliography, ...entries] };
}
