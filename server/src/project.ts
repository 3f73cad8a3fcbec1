/**
 * The manuscript project of a document, for the server and the CLI: the core finds which files belong together
 * (core/project/discovery.ts); this reads them, open documents in their current text and the others from disk
 * (cached by modification time and size, each with a version that changes when its content does, so the language
 * service's parse cache stays right), and remembers which files were found together, so an edit in one chapter can
 * have the others checked again. Problems (a missing chapter, an `\input` cycle) become diagnostics at the place
 * that names the file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { findProject, defaultMaxProjectFileBytes, type FoundProject } from './core/project/discovery';
import type { ManuscriptProject, ProjectProblem } from './core/project/model';
import { findKeyDefinitions } from './core/manuscript/definitions';
import type { FileKind, FileStat, WorkspaceFileSystem } from './core/workspace';
import { languageOfFile } from './workspaceFiles';

export interface ProjectOptions {
  /** Workspace folders as URIs. */
  workspaceFolders: readonly string[];
  /** `secretome.manuscript`. */
  setting?: string;
  maxFiles?: number;
  maxFileBytes?: number;
}

export interface DocumentProject {
  project: ManuscriptProject;
  /** Problems of the project as diagnostics, by the file that names the missing or cyclic file. */
  diagnostics: Map<string, Diagnostic[]>;
}

interface DiskFile {
  stamp: string;
  text: string;
  document?: TextDocument;
}

/** At most this many files read from disk are kept (a few projects' worth). */
const maxCachedFiles = 1000;

export class ProjectFiles {
  private readonly disk = new Map<string, DiskFile>();
  /** Versions of documents read from disk count down from -1, never meeting an editor's (which count up from 0). */
  private nextVersion = -1;
  /** For each file, the files of the project it was last found in. */
  private readonly membership = new Map<string, readonly string[]>();
  /** The project last found for each document, for requests that may reuse it without touching the disk. */
  private readonly last = new Map<string, DocumentProject | null>();
  /** Tag keys each document defines, by URI and version. */
  private readonly keys = new Map<string, { version: number; keys: string[] }>();

  /** `openDocument` gives a file's text as open in the editor, which wins over the disk. */
  constructor(private readonly openDocument: (uri: string) => TextDocument | undefined = () => undefined) {}

  /**
   * The project of `document` with every file in its current text, or undefined when it stands alone. With `reuse`
   * (completion, hover: answered at once), the files found last time for this document are taken again, open ones
   * in their current text, without listing or reading anything; the next check finds the project afresh.
   */
  async projectFor(document: TextDocument, files: WorkspaceFileSystem, options: ProjectOptions, reuse = false): Promise<DocumentProject | undefined> {
    const previous = reuse ? this.last.get(document.uri) : undefined;
    if (previous === null) return undefined;
    if (previous) {
      const documents = previous.project.documents.map((file) => (file.uri === document.uri ? document : (this.openDocument(file.uri) ?? file)));
      return { ...previous, project: { ...previous.project, documents } };
    }
    const found = await this.find(document, files, options);
    if (this.last.size > maxCachedFiles) this.last.clear();
    this.last.set(document.uri, found ?? null);
    return found;
  }

  private async find(document: TextDocument, files: WorkspaceFileSystem, options: ProjectOptions): Promise<DocumentProject | undefined> {
    const overlay = this.overlay(files, document);
    const found = await findProject(document.uri, document.getText(), document.languageId, overlay, {
      workspaceFolders: options.workspaceFolders,
      setting: options.setting,
      maxFiles: options.maxFiles,
      maxFileBytes: options.maxFileBytes ?? defaultMaxProjectFileBytes,
    });
    if (found.kind === 'single' && found.problems.length === 0) {
      this.remember([document.uri]);
      return undefined;
    }
    // Read side by side: a chapter's check waits for the slowest file, not for the sum of them.
    const read = await Promise.all(
      found.uris.map(async (uri) => (uri === document.uri ? document : (this.openDocument(uri) ?? (await this.diskDocument(uri, overlay))))),
    );
    const documents = read.filter((file): file is TextDocument => file !== undefined);
    this.remember(documents.map((file) => file.uri));
    const project: ManuscriptProject = { id: found.id, kind: found.kind, label: found.label, documents, problems: found.problems };
    return { project, diagnostics: this.problemDiagnostics(found, document) };
  }

  /** The other files of the projects `uri` was last found in. */
  siblingsOf(uri: string): string[] {
    return (this.membership.get(uri) ?? []).filter((other) => other !== uri);
  }

  /** The keys (as cited, "tag:x") that the project's files other than `uri` define with Manubot's `[@tag:x]: …` lines. */
  keysDefinedElsewhere(project: ManuscriptProject, uri: string): string[] {
    const keys = new Set<string>();
    for (const file of project.documents) {
      if (file.uri === uri || languageOfFile(file.uri) !== 'markdown') continue;
      let cached = this.keys.get(file.uri);
      if (cached?.version !== file.version) {
        cached = { version: file.version, keys: [...findKeyDefinitions(file.getText()).keys()] };
        if (this.keys.size > maxCachedFiles) this.keys.clear();
        this.keys.set(file.uri, cached);
      }
      for (const key of cached.keys) keys.add(key);
    }
    return [...keys];
  }

  /** Forgets a document's last project (closed) and what was read of the file. */
  forget(uri: string): void {
    this.disk.delete(uri);
    this.last.delete(uri);
  }

  private remember(uris: readonly string[]): void {
    for (const uri of uris) this.membership.set(uri, uris);
  }

  /** A file's text as discovery and the project see it: open documents as in the editor, others from disk, cached. */
  private overlay(files: WorkspaceFileSystem, served: TextDocument): WorkspaceFileSystem {
    const stats = new Map<string, Promise<FileStat>>();
    const statOf = (uri: string) => {
      let stat = stats.get(uri);
      if (!stat) stats.set(uri, (stat = files.stat(uri)));
      return stat;
    };
    const open = (uri: string) => (uri === served.uri ? served : this.openDocument(uri));
    return {
      stat: async (uri) => {
        const document = open(uri);
        if (!document) return statOf(uri);
        return statOf(uri).catch(() => ({ kind: 'file' as FileKind, size: document.getText().length, mtime: 0 }));
      },
      read: async (uri) => {
        const document = open(uri);
        if (document) return document.getText();
        return (await this.diskFile(uri, await statOf(uri), files)).text;
      },
      list: (uri) => files.list(uri),
    };
  }

  private async diskFile(uri: string, stat: FileStat, files: WorkspaceFileSystem): Promise<DiskFile> {
    const stamp = `${stat.mtime}:${stat.size}`;
    const cached = this.disk.get(uri);
    if (cached?.stamp === stamp) return cached;
    const file: DiskFile = { stamp, text: await files.read(uri) };
    this.disk.delete(uri);
    if (this.disk.size >= maxCachedFiles) this.disk.delete(this.disk.keys().next().value!);
    this.disk.set(uri, file);
    return file;
  }

  /** A file not open in the editor, as a document whose version changes whenever its text does. */
  private async diskDocument(uri: string, overlay: WorkspaceFileSystem): Promise<TextDocument | undefined> {
    try {
      const text = await overlay.read(uri);
      const file = this.disk.get(uri);
      if (!file) return TextDocument.create(uri, languageOfFile(uri), this.nextVersion--, text);
      file.document ??= TextDocument.create(uri, languageOfFile(uri), this.nextVersion--, file.text);
      return file.document;
    } catch {
      return undefined;
    }
  }

  /** Each problem as a warning on the name that leads to it, in the file that names it. */
  private problemDiagnostics(found: FoundProject, served: TextDocument): Map<string, Diagnostic[]> {
    const byFile = new Map<string, Diagnostic[]>();
    for (const problem of found.problems) {
      const text = problem.uri === served.uri ? served.getText() : (this.openDocument(problem.uri)?.getText() ?? this.disk.get(problem.uri)?.text);
      const list = byFile.get(problem.uri) ?? [];
      list.push(projectProblemDiagnostic(problem, text));
      byFile.set(problem.uri, list);
    }
    return byFile;
  }
}

/** The LaTeX root of a project (its id, read first), whose bibliographies its chapters use; undefined for others. */
export function latexRootOf(project: ManuscriptProject | undefined): string | undefined {
  return project && /\.tex$/i.test(project.id) && project.documents[0]?.uri === project.id ? project.id : undefined;
}

/** A project problem at its span (the start of the file when it has none, or the text is not at hand). */
export function projectProblemDiagnostic(problem: ProjectProblem, text: string | undefined): Diagnostic {
  const document = TextDocument.create(problem.uri, 'plaintext', 0, text ?? '');
  const span = text !== undefined && problem.span ? problem.span : { start: 0, end: 0 };
  return {
    range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
    severity: DiagnosticSeverity.Warning,
    code: problem.code,
    source: 'secretome',
    message: problem.message,
  };
}
