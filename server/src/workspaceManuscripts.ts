/**
 * The manuscripts of the workspace that are not open in the editor, read from disk one at a time, for requests that
 * must see every manuscript (references and rename asked on a bibliography entry). They are found as the workspace
 * check finds them (`findManuscripts`: regular files inside the workspace folders, at most `maxManuscripts`), read
 * through the safe file system (at most `maxManuscriptBytes`, binary files skipped) and kept, bounded, by
 * modification time and size, so asking again costs a listing and a stat per file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceFileSystem } from './core/workspace';
import { languageOfFile, maxManuscriptBytes, maxManuscripts, type FoundManuscripts } from './workspaceFiles';

export interface ManuscriptsOnDisk {
  /** The workspace folders, as URIs. */
  folders: readonly string[];
  /** The manuscripts below a folder (the workspace check's search). */
  find(folderUri: string, limit: number): Promise<FoundManuscripts>;
  /** Reads only regular files inside the workspace folders, at most `maxManuscriptBytes`. */
  files: WorkspaceFileSystem;
  /** Whether the editor has the file open (then its text there is used, and it is not read here). */
  isOpen(uri: string): boolean;
  /** Why a file was skipped, for the log. */
  log?(message: string): void;
}

interface CachedManuscript {
  stamp: string;
  document: TextDocument;
}

/** The texts kept between requests, in characters: enough for a thesis' chapters, never the whole of a huge tree. */
const maxCachedCharacters = 32 * 1024 * 1024;

export class WorkspaceManuscripts {
  private readonly cache = new Map<string, CachedManuscript>();
  private cachedCharacters = 0;
  /** Versions of documents read here count down, never meeting an editor's (which count up from 0). */
  private nextVersion = -1_000_000_000;

  /**
   * The manuscripts on disk that are not open, in path order, each read only when the caller asks for the next: a
   * thousand chapters are never all in memory for one request.
   */
  async *closed(source: ManuscriptsOnDisk): AsyncGenerator<TextDocument> {
    let listed = 0;
    for (const folder of source.folders) {
      if (listed >= maxManuscripts) break;
      let found: FoundManuscripts;
      try {
        found = await source.find(folder, maxManuscripts - listed);
      } catch (error) {
        source.log?.(`cannot list the manuscripts of ${folder}: ${(error as Error).message}`);
        continue;
      }
      listed += found.files.length;
      for (const uri of found.files) {
        if (source.isOpen(uri)) continue;
        const document = await this.read(uri, source);
        if (document) yield document;
      }
    }
  }

  /** A file's text as a document whose version changes when its content does; undefined if unreadable or binary. */
  private async read(uri: string, source: ManuscriptsOnDisk): Promise<TextDocument | undefined> {
    try {
      const stat = await source.files.stat(uri);
      const stamp = `${stat.mtime}:${stat.size}`;
      const cached = this.cache.get(uri);
      if (cached?.stamp === stamp) return cached.document;
      if (stat.size > maxManuscriptBytes) {
        source.log?.(`skipped ${uri}: larger than the limit`);
        return undefined;
      }
      const text = await source.files.read(uri);
      if (text.length > maxManuscriptBytes || text.includes('\u0000')) {
        source.log?.(`skipped ${uri}: ${text.length > maxManuscriptBytes ? 'larger than the limit' : 'binary'}`);
        return undefined;
      }
      const document = TextDocument.create(uri, languageOfFile(uri), this.nextVersion--, text);
      this.keep(uri, { stamp, document });
      return document;
    } catch (error) {
      source.log?.(`cannot read ${uri}: ${(error as Error).message}`);
      return undefined;
    }
  }

  private keep(uri: string, manuscript: CachedManuscript): void {
    this.drop(uri);
    const size = manuscript.document.getText().length;
    if (size > maxCachedCharacters) return;
    while (this.cachedCharacters + size > maxCachedCharacters && this.cache.size > 0) this.drop(this.cache.keys().next().value!);
    this.cache.set(uri, manuscript);
    this.cachedCharacters += size;
  }

  private drop(uri: string): void {
    const cached = this.cache.get(uri);
    if (!cached) return;
    this.cache.delete(uri);
    this.cachedCharacters -= cached.document.getText().length;
  }
}
