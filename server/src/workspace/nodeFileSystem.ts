/**
 * The WorkspaceFileSystem on Node's file system, with the safety checks: only regular files inside the allowed roots
 * (the workspace folders, plus paths the user named in settings), resolved through symlinks, bounded in size, and
 * never a FIFO, device or socket, so a manuscript that names `../../etc/passwd`, `/dev/zero` or a pipe is refused
 * with a message instead of being read or hanging the server.
 */
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { FileAccessError, type FileKind, type FileStat, type WorkspaceFileSystem } from '../core/workspace';

/** Room for a 200k-entry library with abstracts (about 220 MB); anything larger is not a bibliography a person keeps. */
export const defaultMaxFileBytes = 256 * 1024 * 1024;

export interface FileAccessScope {
  /** Folders (absolute paths) whose files may be read: the workspace folders. */
  roots: readonly string[];
  /** Files or folders outside the roots that the user named in settings; they may be read too. */
  named?: readonly string[];
  /** Files larger than this are refused (default 256 MB). */
  maxBytes?: number;
  /** What the roots are, for messages ("the workspace folders", by default). */
  rootsName?: string;
  /** How else the user can allow a file outside the roots, for the refusal message (the setting, by default). */
  outsideHint?: string;
}

/** Pseudo file systems whose "files" are processes, devices or kernel state, never a bibliography. */
const pseudoFolders = ['/proc', '/sys', '/dev'];

export class NodeFileSystem implements WorkspaceFileSystem {
  private readonly maxBytes: number;
  private realRoots: Promise<string[]> | undefined;

  constructor(private readonly scope: FileAccessScope) {
    this.maxBytes = scope.maxBytes ?? defaultMaxFileBytes;
  }

  async stat(uri: string): Promise<FileStat> {
    const real = await this.allowedPath(uri);
    const stats = await fs.stat(real).catch((error) => {
      throw this.errorFor(error, real);
    });
    const kind = kindOf(stats);
    // A FIFO, device or socket may not be read, so its stat is refused too; folders are stat-ed for listing.
    if (kind === 'other') throw this.notRegular(real);
    if (kind === 'file' && stats.size > this.maxBytes) throw this.tooLarge(real, stats.size);
    return { kind, size: stats.size, mtime: stats.mtimeMs };
  }

  async read(uri: string): Promise<string> {
    const bytes = await this.readBytes(uri);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  async readBytes(uri: string): Promise<Uint8Array> {
    const real = await this.allowedPath(uri);
    // Refuse before opening: opening a FIFO for reading blocks until a writer comes, and /dev/zero never ends.
    const before = await fs.stat(real).catch((error) => {
      throw this.errorFor(error, real);
    });
    if (!before.isFile()) throw this.notRegular(real);
    if (before.size > this.maxBytes) throw this.tooLarge(real, before.size);
    // O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it still returns at once; the fstat
    // of the open handle then refuses it.
    const handle = await fs.open(real, constants.O_RDONLY | constants.O_NONBLOCK).catch((error) => {
      throw this.errorFor(error, real);
    });
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) throw this.notRegular(real);
      if (opened.size > this.maxBytes) throw this.tooLarge(real, opened.size);
      // Read at most one byte past the cap: a file that grows while being read is still bounded.
      const buffer = Buffer.alloc(Math.min(this.maxBytes + 1, Math.max(opened.size + 1, 64 * 1024)));
      let length = 0;
      let chunk = buffer;
      for (;;) {
        if (length === chunk.length) {
          if (chunk.length > this.maxBytes) break;
          const grown = Buffer.alloc(Math.min(this.maxBytes + 1, chunk.length * 2));
          chunk.copy(grown, 0, 0, length);
          chunk = grown;
        }
        const { bytesRead } = await handle.read(chunk, length, chunk.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > this.maxBytes) throw this.tooLarge(real, length);
      return chunk.subarray(0, length);
    } catch (error) {
      throw error instanceof FileAccessError ? error : this.errorFor(error, real);
    } finally {
      await handle.close();
    }
  }

  async list(uri: string): Promise<Array<{ name: string; kind: FileKind }>> {
    const real = await this.allowedPath(uri);
    const entries = await fs.readdir(real, { withFileTypes: true }).catch((error) => {
      throw this.errorFor(error, real);
    });
    const result: Array<{ name: string; kind: FileKind }> = [];
    for (const entry of entries) {
      if (entry.isFile()) result.push({ name: entry.name, kind: 'file' });
      else if (entry.isDirectory()) result.push({ name: entry.name, kind: 'directory' });
      else if (entry.isSymbolicLink()) {
        // A link is listed as what it points to, and only when that is inside the roots and a file or folder.
        const kind = await this.stat(URI.file(path.join(real, entry.name)).toString()).then(
          (stat) => stat.kind,
          () => 'other' as const,
        );
        if (kind !== 'other') result.push({ name: entry.name, kind });
      }
      // FIFOs, sockets and devices are left out: nothing in a workspace check should ever open them.
    }
    return result;
  }

  /** Whether the file at `uri` may be read (inside the roots once symlinks are resolved); no file is opened. */
  async allows(uri: string): Promise<boolean> {
    return this.allowedPath(uri).then(
      () => true,
      (error) => !(error instanceof FileAccessError && error.reason === 'outside-workspace'),
    );
  }

  /** The real path of `uri` when it lies inside an allowed root; a FileAccessError otherwise. */
  private async allowedPath(uri: string): Promise<string> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') {
      throw new FileAccessError(`${uri} is not a file on this computer; Secretome Writer reads only local files`, 'unreadable');
    }
    const requested = path.resolve(parsed.fsPath);
    const roots = await this.roots();
    // Check the path as written first, so a missing file outside the workspace is reported as outside, not missing.
    if (!roots.some((root) => isInside(requested, root)) && !(await this.lexicalRoots()).some((root) => isInside(requested, root))) {
      throw this.outside(requested);
    }
    let real: string;
    try {
      real = await fs.realpath(requested);
    } catch (error) {
      throw this.errorFor(error, requested);
    }
    if (!roots.some((root) => isInside(real, root))) throw this.outside(requested, real);
    if (pseudoFolders.some((folder) => isInside(real, folder))) throw this.notRegular(real);
    return real;
  }

  private roots(): Promise<string[]> {
    this.realRoots ??= Promise.all(
      [...this.scope.roots, ...(this.scope.named ?? [])].map((root) => fs.realpath(path.resolve(root)).catch(() => undefined)),
    ).then((roots) => roots.filter((root): root is string => root !== undefined));
    return this.realRoots;
  }

  /** The roots as written, for paths that do not exist yet (a /tmp root is /private/tmp on macOS once resolved). */
  private async lexicalRoots(): Promise<string[]> {
    return [...this.scope.roots, ...(this.scope.named ?? [])].map((root) => path.resolve(root));
  }

  private display(file: string): string {
    for (const root of this.scope.roots) {
      const resolved = path.resolve(root);
      if (isInside(file, resolved)) return path.relative(resolved, file) || path.basename(file);
    }
    return file;
  }

  private outside(requested: string, real?: string): FileAccessError {
    const through = real && real !== requested ? ` (it leads to ${real})` : '';
    return new FileAccessError(
      `${this.display(requested)}${through} is outside ${this.scope.rootsName ?? 'the workspace folders'}; Secretome Writer reads only files inside them${this.scope.outsideHint ?? ' (or named in the secretome.bibliographies setting)'}`,
      'outside-workspace',
    );
  }

  private notRegular(file: string): FileAccessError {
    return new FileAccessError(
      `${this.display(file)} is not a regular file (a pipe, device, socket, folder or system file); Secretome Writer does not read it`,
      'not-a-regular-file',
    );
  }

  private tooLarge(file: string, size: number): FileAccessError {
    return new FileAccessError(
      `${this.display(file)} is larger than ${formatBytes(this.maxBytes)}${size > this.maxBytes ? ` (${formatBytes(size)})` : ''}; Secretome Writer does not read it`,
      'too-large',
    );
  }

  private errorFor(error: unknown, file: string): FileAccessError {
    if (error instanceof FileAccessError) return error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new FileAccessError(`${this.display(file)} does not exist`, 'not-found');
    if (code === 'EISDIR') return this.notRegular(file);
    return new FileAccessError(`${this.display(file)} cannot be read: ${code ?? (error as Error).message}`, 'unreadable');
  }
}

function kindOf(stats: { isFile(): boolean; isDirectory(): boolean }): FileKind {
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
