/**
 * How the core reaches files: one small injected interface (read, stat, list), so the same core runs on Node's file
 * system, on the editor's (VS Code for the Web) and on an in-memory workspace in tests. Implementations enforce
 * what may be read (regular files inside the workspace, bounded in size); the core only asks.
 */

export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  kind: FileKind;
  size: number;
  /** Modification time in milliseconds, for caches. */
  mtime: number;
}

/** Why a file was not read, as a message the user can act on ("outside the workspace", "larger than 256 MB"). */
export class FileAccessError extends Error {
  constructor(
    message: string,
    /** "not-found", "outside-workspace", "not-a-regular-file", "too-large", "unreadable". */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'FileAccessError';
  }
}

export interface WorkspaceFileSystem {
  /** Stat of the file at `uri`; rejects with FileAccessError when it may not or cannot be read. */
  stat(uri: string): Promise<FileStat>;
  /** The file's text (UTF-8); rejects with FileAccessError when it may not or cannot be read. */
  read(uri: string): Promise<string>;
  /** The file's bytes, under the same checks, for a reader that decodes them elsewhere (a worker thread); optional. */
  readBytes?(uri: string): Promise<Uint8Array>;
  /** Names of the entries of the folder at `uri` (not recursive), with their kinds. */
  list(uri: string): Promise<Array<{ name: string; kind: FileKind }>>;
}
