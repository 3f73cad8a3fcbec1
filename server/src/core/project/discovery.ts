/**
 * Which files make up the manuscript a document belongs to, found through the injected WorkspaceFileSystem:
 * - the `secretome.manuscript` setting (a root file or a folder, relative to the workspace folder), when it names a
 *   project holding the document;
 * - LaTeX: the root (the document itself when it has `\documentclass`, the file `% !TEX root` names, or a root nearby
 *   that takes it in) and what it `\input`s, `\include`s or `\subfile`s, recursively, in document order;
 * - Quarto: `_quarto.yml`'s `book: chapters:` (and appendices) or `project: render:`;
 * - Manubot: the numbered chapters `NN.name.md` of the document's folder, in numeric order;
 * - Pandoc: a defaults file (`*.yaml` beside the document or one folder up) whose `input-files` name it.
 * A file that is named but missing, an `\input` cycle, or a project over the file cap is a problem at the place that
 * names it; nothing ever loops or reads without bound.
 */
import { URI, Utils } from 'vscode-uri';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { findLatexFiles } from '../manuscript/latexFiles';
import { isLatexRoot } from '../sources/discovery';
import { FileAccessError, type WorkspaceFileSystem } from '../workspace';
import type { Span } from '../manuscript/types';
import type { ProjectKind, ProjectProblem } from './model';

/** Manubot's chapter names: a number, a dot, a name, `.md`. */
export const manubotChapterName = /^(\d+)\.[^/]*\.md$/i;

export interface ProjectDiscoveryOptions {
  /** Workspace folders (URIs): the setting is relative to the one holding the document; upward searches stop there. */
  workspaceFolders?: readonly string[];
  /** `secretome.manuscript`: the root file or folder of the manuscript, relative to the workspace folder. */
  setting?: string;
  /** At most this many files in a project (default 200). */
  maxFiles?: number;
  /** Files larger than this are not read (default 5 MB, the manuscript cap). */
  maxFileBytes?: number;
}

export interface FoundProject {
  /** The root file (LaTeX root, `_quarto.yml`, defaults file) or the chapters' folder (ending in `/`). */
  id: string;
  kind: ProjectKind;
  label: string;
  /** The project's files in reading order; the document is one of them. */
  uris: string[];
  problems: ProjectProblem[];
}

export const defaultMaxProjectFiles = 200;
export const defaultMaxProjectFileBytes = 5 * 1024 * 1024;
/** A chapter's LaTeX root is looked for among at most this many .tex files in its folder, and as many one up. */
const maxRootCandidates = 60;
/** Pandoc defaults files are looked for among at most this many YAML files per folder. */
const maxDefaultsCandidates = 30;
/** `\input`s nest at most this deep (LaTeX itself stops far earlier). */
const maxIncludeDepth = 50;
/** A project's commands or list entries are followed up to this many times its file cap, then no more are looked up. */
const lookupsPerFile = 10;
/** At most this many problems per project: a file of 100,000 `\input{missing…}` lines gives a few, not 100,000. */
const maxProblems = 50;

const markdownLanguages = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc']);

/**
 * The project of the document at `uri` (its current `text`, in language `languageId`): its files in reading order,
 * how it was recognised, and its problems. A document that belongs to no project is a project of itself (`single`).
 */
export async function findProject(
  uri: string,
  text: string,
  languageId: string,
  files: WorkspaceFileSystem,
  options: ProjectDiscoveryOptions = {},
): Promise<FoundProject> {
  const finder = new ProjectFinder(uri, text, files, options);
  const document = URI.parse(uri);
  const isLatex = languageId === 'latex' || /\.tex$/i.test(document.path);
  const found =
    (options.setting?.trim() ? await finder.fromSetting(options.setting.trim()) : undefined) ??
    (isLatex
      ? await finder.latex()
      : markdownLanguages.has(languageId) || /\.(md|qmd|rmd|markdown)$/i.test(document.path)
        ? ((await finder.quarto()) ?? (await finder.manubot()) ?? (await finder.pandocDefaults()))
        : undefined);
  return found ?? { id: uri, kind: 'single', label: Utils.basename(document), uris: [uri], problems: [] };
}

class ProjectFinder {
  private readonly maxFiles: number;
  private readonly maxFileBytes: number;
  private readonly document: URI;
  private readonly texts = new Map<string, string | FileAccessError>();

  constructor(
    private readonly uri: string,
    private readonly text: string,
    private readonly files: WorkspaceFileSystem,
    private readonly options: ProjectDiscoveryOptions,
  ) {
    this.maxFiles = options.maxFiles ?? defaultMaxProjectFiles;
    this.maxFileBytes = options.maxFileBytes ?? defaultMaxProjectFileBytes;
    this.document = URI.parse(uri);
  }

  /** The setting names a root file or a folder; its project counts only when it holds the document. */
  async fromSetting(setting: string): Promise<FoundProject | undefined> {
    const base = this.workspaceFolder() ?? (this.options.workspaceFolders?.[0] ? URI.parse(this.options.workspaceFolders[0]) : Utils.dirname(this.document));
    const target = resolvePath(base, setting);
    const stat = await this.files.stat(target.toString()).catch(() => undefined);
    let found: FoundProject | undefined;
    if (stat?.kind === 'directory') {
      found = (await this.quartoAt(Utils.joinPath(target, '_quarto.yml'))) ?? (await this.chaptersIn(Utils.joinPath(target, 'content'))) ?? (await this.chaptersIn(target));
      if (!found) {
        for (const entry of await this.sortedEntries(target)) {
          if (entry.kind !== 'file' || !/\.tex$/i.test(entry.name)) continue;
          const candidate = Utils.joinPath(target, entry.name);
          const text = await this.textOf(candidate.toString());
          if (typeof text === 'string' && isLatexRoot(text)) {
            found = await this.latexTree(candidate);
            break;
          }
        }
      }
    } else if (stat?.kind === 'file') {
      const name = Utils.basename(target);
      if (/^_quarto\.ya?ml$/i.test(name)) found = await this.quartoAt(target);
      else if (/\.tex$/i.test(name)) found = await this.latexTree(target);
      else if (/\.ya?ml$/i.test(name)) found = await this.defaultsAt(target, true);
    }
    if (!found || !found.uris.includes(this.uri)) return undefined;
    return { ...found, kind: 'setting' };
  }

  /** The LaTeX root of the document and everything it takes in. */
  async latex(): Promise<FoundProject | undefined> {
    const magic = findLatexFiles(this.text.slice(0, 5000)).includes.find((include) => include.command === 'root');
    if (magic) {
      const root = resolvePath(Utils.dirname(this.document), magic.path);
      if (root.toString() !== this.uri) {
        const read = await this.textOf(root.toString());
        if (typeof read !== 'string') {
          const problem: ProjectProblem = { uri: this.uri, span: magic.span, code: problemCode(read), message: `The root file ${magic.path} named by % !TEX root ${reasonOf(read)}` };
          return { id: this.uri, kind: 'latex', label: Utils.basename(this.document), uris: [this.uri], problems: [problem] };
        }
        return this.withDocument(await this.latexTree(root));
      }
    }
    if (isLatexRoot(this.text)) {
      const tree = await this.latexTree(this.document);
      return tree.uris.length > 1 || tree.problems.length > 0 ? tree : undefined;
    }
    for (const folder of [Utils.dirname(this.document), Utils.joinPath(Utils.dirname(this.document), '..')]) {
      const entries = (await this.sortedEntries(folder)).filter((entry) => entry.kind === 'file' && /\.tex$/i.test(entry.name));
      for (const entry of entries.slice(0, maxRootCandidates)) {
        const candidate = Utils.joinPath(folder, entry.name);
        if (candidate.toString() === this.uri) continue;
        const text = await this.textOf(candidate.toString());
        if (typeof text !== 'string' || !isLatexRoot(text)) continue;
        const tree = await this.latexTree(candidate);
        if (tree.uris.includes(this.uri)) return tree;
      }
    }
    return undefined;
  }

  /**
   * The root and the files it includes, depth first in the order the commands appear: the reading order of the
   * typeset document, as far as whole files give it. A file already being read further up is a cycle; one included
   * twice is read once.
   */
  async latexTree(root: URI): Promise<FoundProject> {
    const uris: string[] = [];
    const problems: ProjectProblem[] = [];
    const rootFolder = Utils.dirname(root);
    const onStack = new Set<string>();
    let capped = false;
    let lookups = 0;
    const visit = async (file: URI, depth: number): Promise<void> => {
      const key = file.toString();
      uris.push(key);
      const text = await this.textOf(key);
      if (typeof text !== 'string') return;
      onStack.add(key);
      for (const include of findLatexFiles(text).includes) {
        if (include.command === 'root' || !include.path) continue;
        if (capped || problems.length >= maxProblems) break;
        if (++lookups > this.maxFiles * lookupsPerFile) {
          problems.push(tooMany(key, include.span, this.maxFiles));
          capped = true;
          break;
        }
        const target = await this.includedFile(include.command, include.path, rootFolder, Utils.dirname(file));
        const targetKey = target.uri.toString();
        if (onStack.has(targetKey)) {
          problems.push({ uri: key, span: include.span, code: 'include-cycle', message: `\\${include.command}{${include.path}} closes a cycle of included files (${cycleDescription(uris, onStack, targetKey)}); it is not read again` });
          continue;
        }
        if (uris.includes(targetKey)) continue;
        if (!target.readable) {
          problems.push({ uri: key, span: include.span, code: problemCode(target.error), message: `\\${include.command}{${include.path}}: ${Utils.basename(target.uri)} ${reasonOf(target.error)}` });
          continue;
        }
        if (uris.length >= this.maxFiles || depth >= maxIncludeDepth) {
          if (!capped) problems.push(tooMany(key, include.span, this.maxFiles));
          capped = true;
          continue;
        }
        await visit(target.uri, depth + 1);
      }
      onStack.delete(key);
    };
    await visit(root, 0);
    return { id: root.toString(), kind: 'latex', label: Utils.basename(root), uris, problems };
  }

  /** LaTeX looks for `name.tex` then `name`, from the folder it runs in (the root's); `\subfile` from the includer's. */
  private async includedFile(command: string, path: string, rootFolder: URI, fileFolder: URI): Promise<{ uri: URI; readable: boolean; error?: FileAccessError }> {
    const names = /\.tex$/i.test(path) ? [path] : command === 'include' ? [`${path}.tex`] : [`${path}.tex`, path];
    const folders = command === 'subfile' ? [fileFolder, rootFolder] : [rootFolder, fileFolder];
    let first: { uri: URI; error: FileAccessError } | undefined;
    for (const folder of folders.filter((f, i) => i === 0 || f.toString() !== folders[0].toString())) {
      for (const name of names) {
        const uri = resolvePath(folder, name);
        const text = await this.textOf(uri.toString());
        if (typeof text === 'string') return { uri, readable: true };
        first ??= { uri, error: text };
      }
    }
    return { uri: first!.uri, readable: false, error: first!.error };
  }

  /** `_quarto.yml` in the document's folder or above, up to the workspace folder, whose list holds the document. */
  async quarto(): Promise<FoundProject | undefined> {
    const stop = this.workspaceFolder()?.toString();
    let folder = Utils.dirname(this.document);
    for (let depth = 0; depth < 30; depth++) {
      for (const name of ['_quarto.yml', '_quarto.yaml']) {
        const found = await this.quartoAt(Utils.joinPath(folder, name));
        if (found?.uris.includes(this.uri)) return found;
      }
      const parent = Utils.dirname(folder);
      // Outside every workspace folder, only the document's own folder is looked at.
      if (!stop || folder.toString() === stop || parent.toString() === folder.toString()) break;
      folder = parent;
    }
    return undefined;
  }

  private async quartoAt(file: URI): Promise<FoundProject | undefined> {
    const text = await this.textOf(file.toString());
    if (typeof text !== 'string') return undefined;
    const yaml = parseDocument(text, { uniqueKeys: false, strict: false });
    const lists = [yaml.getIn(['book', 'chapters'], true), yaml.getIn(['book', 'appendices'], true)].filter(isSeq);
    const listed = lists.length > 0 ? lists : [yaml.getIn(['project', 'render'], true)].filter(isSeq);
    if (listed.length === 0) return undefined;
    const names: Array<{ name: string; span: Span }> = [];
    const collect = (node: unknown): void => {
      if (isSeq(node)) node.items.forEach(collect);
      else if (isMap(node)) {
        // A part's title may be a file of its own (`part: intro.qmd`), read before the part's chapters.
        const part = node.get('part', true);
        if (isScalar(part) && typeof part.value === 'string' && /\.(qmd|md|rmd)$/i.test(part.value.trim())) collect(part);
        collect(node.get('chapters', true));
      }
      else if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) {
        const start = (node as YamlNode).range?.[0] ?? 0;
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
        names.push({ name: node.value.trim(), span: { start: start + quoted, end: start + quoted + node.value.trim().length } });
      }
    };
    listed.forEach(collect);
    return this.listedFiles(file, 'quarto', names, (name) => /[*?[!]/.test(name) || !/\.(qmd|md|rmd|markdown|tex)$/i.test(name));
  }

  /** A Pandoc defaults file beside the document or one folder up whose `input-files` name the document. */
  async pandocDefaults(): Promise<FoundProject | undefined> {
    for (const folder of [Utils.dirname(this.document), Utils.joinPath(Utils.dirname(this.document), '..')]) {
      const entries = (await this.sortedEntries(folder)).filter((entry) => entry.kind === 'file' && /\.ya?ml$/i.test(entry.name) && !/^_quarto\.ya?ml$/i.test(entry.name));
      for (const entry of entries.slice(0, maxDefaultsCandidates)) {
        const found = await this.defaultsAt(Utils.joinPath(folder, entry.name), false);
        if (found?.uris.includes(this.uri)) return found;
      }
    }
    return undefined;
  }

  private async defaultsAt(file: URI, named: boolean): Promise<FoundProject | undefined> {
    const text = await this.textOf(file.toString());
    // A defaults file names its inputs near the top; a file that does not mention them is not parsed.
    if (typeof text !== 'string' || (!named && !/^input-files?\s*:/m.test(text))) return undefined;
    const yaml = parseDocument(text, { uniqueKeys: false, strict: false });
    const list = yaml.get('input-files', true);
    const single = yaml.get('input-file', true);
    const nodes = isSeq(list) ? list.items : single !== undefined ? [single] : [];
    const names: Array<{ name: string; span: Span }> = [];
    for (const node of nodes) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) continue;
      const start = (node as YamlNode).range?.[0] ?? 0;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      // `${.}` is the defaults file's own folder; other relative paths are taken from there too, where pandoc is run.
      names.push({ name: node.value.trim().replace(/^\$\{\.\}\//, ''), span: { start: start + quoted, end: start + quoted + node.value.trim().length } });
    }
    if (names.length === 0) return undefined;
    return this.listedFiles(file, 'pandoc', names, (name) => name === '-');
  }

  /** Files a YAML list names (Quarto chapters, Pandoc inputs), relative to its folder; missing ones are problems. */
  private async listedFiles(file: URI, kind: ProjectKind, names: Array<{ name: string; span: Span }>, skip: (name: string) => boolean): Promise<FoundProject> {
    const uris: string[] = [];
    const problems: ProjectProblem[] = [];
    for (const [index, { name, span }] of names.entries()) {
      if (problems.length >= maxProblems) break;
      if (index >= this.maxFiles * lookupsPerFile) {
        problems.push(tooMany(file.toString(), span, this.maxFiles));
        break;
      }
      if (skip(name)) continue;
      const uri = resolvePath(Utils.dirname(file), name).toString();
      if (uris.includes(uri)) continue;
      if (uris.length >= this.maxFiles) {
        problems.push(tooMany(file.toString(), span, this.maxFiles));
        break;
      }
      const text = await this.textOf(uri);
      if (typeof text !== 'string') {
        problems.push({ uri: file.toString(), span, code: problemCode(text), message: `The chapter ${name} ${reasonOf(text)}` });
        continue;
      }
      uris.push(uri);
    }
    const label = `${Utils.basename(file)} (${uris.length} ${uris.length === 1 ? 'file' : 'files'})`;
    return { id: file.toString(), kind, label, uris, problems };
  }

  /** Manubot: the numbered chapters of the document's folder, when the document is one of them. */
  async manubot(): Promise<FoundProject | undefined> {
    if (!manubotChapterName.test(Utils.basename(this.document))) return undefined;
    const found = await this.chaptersIn(Utils.dirname(this.document));
    return found?.uris.includes(this.uri) ? found : undefined;
  }

  private async chaptersIn(folder: URI): Promise<FoundProject | undefined> {
    const entries = await this.files.list(folder.toString()).catch(() => []);
    const chapters = entries
      .filter((entry) => entry.kind === 'file' && manubotChapterName.test(entry.name))
      .map((entry) => ({ name: entry.name, number: Number(manubotChapterName.exec(entry.name)![1]) }))
      .sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
    if (chapters.length === 0) return undefined;
    const problems: ProjectProblem[] = [];
    if (chapters.length > this.maxFiles) {
      problems.push({ uri: folder.toString(), code: 'too-many-files', message: `The manuscript has ${chapters.length} chapters; only the first ${this.maxFiles} are read together` });
    }
    const uris = chapters.slice(0, this.maxFiles).map((chapter) => Utils.joinPath(folder, chapter.name).toString());
    const folderName = Utils.basename(folder);
    return { id: `${folder.toString().replace(/\/$/, '')}/`, kind: 'manubot', label: `${folderName}/ (${uris.length} ${uris.length === 1 ? 'chapter' : 'chapters'})`, uris, problems };
  }

  /** A project the document is not in (a `% !TEX root` whose root does not take it in) gets it at the end. */
  private withDocument(found: FoundProject): FoundProject {
    return found.uris.includes(this.uri) ? found : { ...found, uris: [...found.uris, this.uri] };
  }

  /** The workspace folder holding the document, if one does. */
  private workspaceFolder(): URI | undefined {
    const path = this.document.toString();
    const folders = (this.options.workspaceFolders ?? []).map((folder) => URI.parse(folder));
    return folders.find((folder) => path.startsWith(`${folder.toString().replace(/\/$/, '')}/`));
  }

  private async sortedEntries(folder: URI): Promise<Array<{ name: string; kind: string }>> {
    const entries = await this.files.list(folder.toString()).catch(() => []);
    return entries.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The document's own text, else the file's (read once per discovery); why not, when it cannot be read. */
  private async textOf(uri: string): Promise<string | FileAccessError> {
    if (uri === this.uri) return this.text;
    const known = this.texts.get(uri);
    if (known !== undefined) return known;
    let result: string | FileAccessError;
    try {
      const stat = await this.files.stat(uri);
      if (stat.kind !== 'file') result = new FileAccessError(`${Utils.basename(URI.parse(uri))} is not a file`, 'not-a-regular-file');
      else if (stat.size > this.maxFileBytes) result = new FileAccessError(`${Utils.basename(URI.parse(uri))} is larger than ${Math.round(this.maxFileBytes / 1024 / 1024)} MB`, 'too-large');
      else result = await this.files.read(uri);
    } catch (error) {
      result = error instanceof FileAccessError ? error : new FileAccessError(error instanceof Error ? error.message : String(error), 'unreadable');
    }
    this.texts.set(uri, result);
    return result;
  }
}

/** A path relative to a folder, with `\` as `/`; absolute paths and file: URIs as they are. */
function resolvePath(folder: URI, name: string): URI {
  if (/^file:/i.test(name)) return URI.parse(name);
  if (name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name)) return URI.file(name);
  return Utils.joinPath(folder, name.replace(/\\/g, '/'));
}

function problemCode(error: FileAccessError | undefined): ProjectProblem['code'] {
  return error?.reason === 'not-found' ? 'missing-file' : 'unreadable-file';
}

function reasonOf(error: FileAccessError | undefined): string {
  if (!error || error.reason === 'not-found') return 'does not exist';
  return `cannot be read: ${error.message}`;
}

function tooMany(uri: string, span: Span, max: number): ProjectProblem {
  return { uri, span, code: 'too-many-files', message: `The manuscript has more than ${max} files; the rest are not read together` };
}

/** "a.tex → b.tex → a.tex": the files on the include stack from the one included again, back to it. */
function cycleDescription(order: readonly string[], onStack: ReadonlySet<string>, again: string): string {
  const stack = order.filter((uri) => onStack.has(uri));
  return [...stack.slice(stack.indexOf(again)), again].map((uri) => Utils.basename(URI.parse(uri))).join(' → ');
}
