/**
 * Which bibliography files a manuscript uses, found through the injected WorkspaceFileSystem: the ones its text names
 * (discovery.ts), those of the LaTeX root that takes it in, Manubot's metadata.yaml and manual references, Quarto's
 * _quarto.yml above it, and the secretome.bibliographies setting. A name that points outside the workspace, or to
 * nothing, becomes one problem at the place it was written; nothing is read then.
 */
import { URI, Utils } from 'vscode-uri';
import { FileAccessError, type WorkspaceFileSystem } from '../workspace';
import {
  formatOfBibliography,
  frontMatterBibliographies,
  isLatexRoot,
  latexBibliographies,
  latexIncludes,
  latexMagicRoot,
  yamlBibliographies,
  type BibliographyFormat,
  type NameInText,
} from './discovery';

/** Where a bibliography was named: a place in a file (the manuscript, its LaTeX root, a metadata file). */
export interface NamedAt {
  uri: string;
  line: number;
  character: number;
  length: number;
}

export interface DiscoveredBibliography {
  uri: string;
  /** The place that names it; 'setting' for secretome.bibliographies, 'convention' for Manubot's manual references. */
  namedBy: NamedAt | 'setting' | 'convention';
  format: BibliographyFormat;
}

export interface DiscoveryProblem {
  message: string;
  /** "outside-workspace", "not-found", … as FileAccessError gives them. */
  reason: string;
  /** Where the file was named, when in a file; absent for the setting. */
  at?: NamedAt;
}

export interface BibliographyDiscovery {
  bibliographies: DiscoveredBibliography[];
  problems: DiscoveryProblem[];
}

export interface DiscoveryInput {
  /** The manuscript (a file: URI) and its text and language ("markdown", "latex", …). */
  uri: string;
  text: string;
  languageId: string;
  files: WorkspaceFileSystem;
  /** The workspace folders (URIs): upward searches for _quarto.yml stop at the one holding the manuscript. */
  workspaceFolders: readonly string[];
  /** secretome.bibliographies: paths or globs, relative to the first workspace folder (else the manuscript's). */
  settings?: readonly string[];
  /** The LaTeX root of the document's project when the caller found it (core/project/discovery.ts): no search then. */
  latexRoot?: string;
  /** Texts of metadata files and LaTeX root candidates from earlier runs, kept by the caller across lints. */
  cache?: DiscoveryCache;
}

/**
 * The texts discovery scanned, by URI, kept while their modification time and size stay the same: looking for a
 * chapter's root after each pause in typing then costs a stat per candidate, not a read.
 */
export class DiscoveryCache {
  private readonly texts = new Map<string, { mtime: number; size: number; text: string }>();
  /** The LaTeX root last found for each chapter, checked first next time. */
  readonly latexRoots = new Map<string, string>();

  constructor(private readonly maxFiles = 500) {}

  get(uri: string, mtime: number, size: number): string | undefined {
    const cached = this.texts.get(uri);
    return cached && cached.mtime === mtime && cached.size === size ? cached.text : undefined;
  }

  set(uri: string, mtime: number, size: number, text: string): void {
    this.texts.delete(uri);
    if (this.texts.size >= this.maxFiles) this.texts.delete(this.texts.keys().next().value!);
    this.texts.set(uri, { mtime, size, text });
  }
}

/** Files of settings and roots larger than this are not scanned: a metadata file or a LaTeX root is small. */
const maxScannedBytes = 1024 * 1024;
/** A LaTeX chapter's root is looked for among at most this many .tex files in its folder, and as many in the one above. */
const maxRootCandidates = 60;
/** A glob in the setting lists at most this many folders. */
const maxGlobFolders = 500;

const markdownLanguages = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc']);

export async function discoverBibliographies(input: DiscoveryInput): Promise<BibliographyDiscovery> {
  const found: Array<{ uri: string; namedBy: DiscoveredBibliography['namedBy']; format: BibliographyFormat; quiet?: boolean }> = [];
  const manuscript = URI.parse(input.uri);
  const folder = Utils.dirname(manuscript);
  const nameAll = (names: NameInText[], fileUri: URI) =>
    names.forEach((name) =>
      found.push({
        uri: resolveName(Utils.dirname(fileUri), name.name).toString(),
        namedBy: { uri: fileUri.toString(), line: name.line, character: name.character, length: name.length },
        format: formatOfBibliography(name.name),
      }),
    );

  if (input.languageId === 'latex') {
    nameAll(latexBibliographies(input.text), manuscript);
    const root = await latexRootOf(input, manuscript);
    if (root) nameAll(latexBibliographies(root.text), root.uri);
  } else if (markdownLanguages.has(input.languageId)) {
    nameAll(frontMatterBibliographies(input.text), manuscript);
    for (const metadata of [Utils.joinPath(folder, 'metadata.yaml'), Utils.joinPath(folder, '..', 'content', 'metadata.yaml')]) {
      const text = await readSmall(input, metadata);
      if (text === undefined) continue;
      nameAll(yamlBibliographies(text), metadata);
      // Manubot reads content/manual-references*.{json,yaml,bib} beside metadata.yaml without naming them.
      const entries = await input.files.list(Utils.dirname(metadata).toString()).catch(() => []);
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.kind === 'file' && /^manual-references.*\.(json|ya?ml|bib)$/i.test(entry.name)) {
          found.push({ uri: Utils.joinPath(Utils.dirname(metadata), entry.name).toString(), namedBy: 'convention', format: formatOfBibliography(entry.name) });
        }
      }
    }
    for (const quarto of await quartoFilesAbove(input, folder)) {
      const text = await readSmall(input, quarto);
      if (text !== undefined) nameAll(yamlBibliographies(text), quarto);
    }
  }
  for (const uri of await settingFiles(input, folder)) found.push({ uri: uri.toString(), namedBy: 'setting', format: formatOfBibliography(uri.path) });

  const result: BibliographyDiscovery = { bibliographies: [], problems: [] };
  const seen = new Set<string>();
  for (const candidate of found) {
    if (seen.has(candidate.uri)) continue;
    seen.add(candidate.uri);
    try {
      const stat = await input.files.stat(candidate.uri);
      if (stat.kind !== 'file') throw new FileAccessError(`${displayName(candidate.uri)} is not a regular file; Secretome Writer does not read it`, 'not-a-regular-file');
      result.bibliographies.push({ uri: candidate.uri, namedBy: candidate.namedBy, format: candidate.format });
    } catch (error) {
      const reason = error instanceof FileAccessError ? error.reason : 'unreadable';
      const message = error instanceof Error ? error.message : String(error);
      const at = typeof candidate.namedBy === 'object' ? candidate.namedBy : undefined;
      result.problems.push({ message: `Bibliography not read: ${message}`, reason, ...(at ? { at } : {}) });
    }
  }
  return result;
}

/** A name relative to the folder it was written in; absolute paths (/…, C:\…, file:…) as they are. */
export function resolveName(folder: URI, name: string): URI {
  if (/^file:/i.test(name)) return URI.parse(name);
  if (name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name) || name.startsWith('\\\\')) return URI.file(name);
  return Utils.joinPath(folder, name.replace(/\\/g, '/'));
}

/** The LaTeX root that takes this chapter in: named by `% !TEX root`, else found \input-ing it nearby. */
async function latexRootOf(input: DiscoveryInput, manuscript: URI): Promise<{ uri: URI; text: string } | undefined> {
  if (input.latexRoot && input.latexRoot !== input.uri) {
    const uri = URI.parse(input.latexRoot);
    const text = await readSmall(input, uri);
    if (text !== undefined) return { uri, text };
  }
  const magic = latexMagicRoot(input.text);
  if (magic) {
    const uri = resolveName(Utils.dirname(manuscript), magic.name);
    const text = await readSmall(input, uri);
    if (text !== undefined && uri.toString() !== manuscript.toString()) return { uri, text };
  }
  if (isLatexRoot(input.text)) return undefined;
  const target = manuscript.toString();
  const rootIncluding = async (candidate: URI) => {
    if (candidate.toString() === target) return undefined;
    const text = await readSmall(input, candidate);
    if (text === undefined || !isLatexRoot(text)) return undefined;
    // LaTeX resolves \input names from the root's folder; the extension may be left out.
    const includes = latexIncludes(text).map((name) => resolveName(Utils.dirname(candidate), name.name).toString());
    return includes.some((include) => include === target || `${include}.tex` === target) ? { uri: candidate, text } : undefined;
  };
  // The root found last time is checked first: while it still takes the chapter in, nothing else is listed or read.
  const known = input.cache?.latexRoots.get(target);
  const again = known ? await rootIncluding(URI.parse(known)) : undefined;
  if (again) return again;
  const folder = Utils.dirname(manuscript);
  for (const where of [folder, Utils.joinPath(folder, '..')]) {
    const entries = await input.files.list(where.toString()).catch(() => []);
    const texFiles = entries.filter((entry) => entry.kind === 'file' && /\.tex$/i.test(entry.name)).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of texFiles.slice(0, maxRootCandidates)) {
      const root = await rootIncluding(Utils.joinPath(where, entry.name));
      if (root) {
        input.cache?.latexRoots.set(target, root.uri.toString());
        return root;
      }
    }
  }
  input.cache?.latexRoots.delete(target);
  return undefined;
}

/** _quarto.yml and _metadata.yml in the manuscript's folder and each folder above it, up to its workspace folder. */
async function quartoFilesAbove(input: DiscoveryInput, folder: URI): Promise<URI[]> {
  const workspace = input.workspaceFolders
    .map((uri) => URI.parse(uri))
    .find((root) => folder.toString() === root.toString() || folder.toString().startsWith(`${root.toString().replace(/\/$/, '')}/`));
  const files: URI[] = [];
  let current = folder;
  for (let depth = 0; depth < 30; depth++) {
    files.push(Utils.joinPath(current, '_quarto.yml'), Utils.joinPath(current, '_quarto.yaml'), Utils.joinPath(current, '_metadata.yml'));
    if (!workspace || current.toString() === workspace.toString()) break;
    const parent = Utils.dirname(current);
    if (parent.toString() === current.toString()) break;
    current = parent;
  }
  return files;
}

/** The files the setting names: plain paths as they are (missing ones become problems), globs expanded. */
async function settingFiles(input: DiscoveryInput, manuscriptFolder: URI): Promise<URI[]> {
  const base = input.workspaceFolders.length > 0 ? URI.parse(input.workspaceFolders[0]) : manuscriptFolder;
  const files: URI[] = [];
  for (const pattern of input.settings ?? []) {
    if (!pattern.trim()) continue;
    if (!/[*?[]/.test(pattern)) {
      files.push(resolveName(base, pattern.trim()));
      continue;
    }
    files.push(...(await expandGlob(input.files, base, pattern.trim())));
  }
  return files;
}

/** A small glob: `*`, `?` and `[…]` within a name, `**` for any depth; listing at most maxGlobFolders folders. */
async function expandGlob(files: WorkspaceFileSystem, base: URI, pattern: string): Promise<URI[]> {
  const segments = pattern.replace(/\\/g, '/').split('/');
  let start = resolveName(base, segments[0] === '' ? '/' : '.');
  let index = segments[0] === '' ? 1 : 0;
  while (index < segments.length - 1 && !/[*?[]/.test(segments[index])) start = Utils.joinPath(start, segments[index++]);
  const matches: URI[] = [];
  let listed = 0;
  const walk = async (folder: URI, at: number): Promise<void> => {
    if (at >= segments.length || listed >= maxGlobFolders) return;
    const segment = segments[at];
    listed++;
    const entries = await files.list(folder.toString()).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const child = Utils.joinPath(folder, entry.name);
      if (segment === '**') {
        if (entry.kind === 'directory') await walk(child, at);
        if (at + 1 < segments.length && globMatches(segments[at + 1], entry.name)) {
          if (at + 2 === segments.length && entry.kind === 'file') matches.push(child);
          else if (entry.kind === 'directory') await walk(child, at + 2);
        }
      } else if (globMatches(segment, entry.name)) {
        if (at + 1 === segments.length && entry.kind === 'file') matches.push(child);
        else if (entry.kind === 'directory') await walk(child, at + 1);
      }
    }
  };
  await walk(start, index);
  return matches;
}

function globMatches(segment: string, name: string): boolean {
  const source = segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`).test(name);
}

async function readSmall({ files, cache }: DiscoveryInput, uri: URI): Promise<string | undefined> {
  const key = uri.toString();
  try {
    const stat = await files.stat(key);
    if (stat.kind !== 'file' || stat.size > maxScannedBytes) return undefined;
    const cached = cache?.get(key, stat.mtime, stat.size);
    if (cached !== undefined) return cached;
    const text = await files.read(key);
    cache?.set(key, stat.mtime, stat.size, text);
    return text;
  } catch {
    return undefined;
  }
}

function displayName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}
