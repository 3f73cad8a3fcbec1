/** An in-memory WorkspaceFileSystem for core tests (principle 14): files by path, refusals as the Node one gives them. */
import { URI } from 'vscode-uri';
import { FileAccessError, type FileKind, type FileStat, type WorkspaceFileSystem } from '../../server/src/core/workspace';

export class MemoryWorkspace implements WorkspaceFileSystem {
  /** Every read, in order, so tests can assert that a refused file was never read. */
  readonly reads: string[] = [];

  /** `files` by absolute path; `root` is the only folder whose files may be read. */
  constructor(
    private readonly files: Record<string, string>,
    private readonly root = '/work',
  ) {}

  async stat(uri: string): Promise<FileStat> {
    const file = this.allowed(uri);
    if (file in this.files) return { kind: 'file', size: this.files[file].length, mtime: 1 };
    if (Object.keys(this.files).some((name) => name.startsWith(`${file}/`))) return { kind: 'directory', size: 0, mtime: 1 };
    throw new FileAccessError(`${file.slice(this.root.length + 1)} does not exist`, 'not-found');
  }

  async read(uri: string): Promise<string> {
    const file = this.allowed(uri);
    this.reads.push(file);
    if (!(file in this.files)) throw new FileAccessError(`${file} does not exist`, 'not-found');
    return this.files[file];
  }

  async list(uri: string): Promise<Array<{ name: string; kind: FileKind }>> {
    const folder = this.allowed(uri).replace(/\/$/, '');
    const entries = new Map<string, FileKind>();
    for (const name of Object.keys(this.files)) {
      if (!name.startsWith(`${folder}/`)) continue;
      const rest = name.slice(folder.length + 1).split('/');
      entries.set(rest[0], rest.length === 1 ? 'file' : 'directory');
    }
    return [...entries].map(([name, kind]) => ({ name, kind }));
  }

  private allowed(uri: string): string {
    const file = URI.parse(uri).path;
    if (file !== this.root && !file.startsWith(`${this.root}/`)) {
      throw new FileAccessError(`${file} is outside the workspace folders; Secretome Writer reads only files inside them`, 'outside-workspace');
    }
    return file;
  }
}
