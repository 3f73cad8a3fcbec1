/**
 * The WorkspaceFileSystem of the browser build: the server has no file system of its own there, so it asks the client,
 * which answers with vscode.workspace.fs (client/src/fileSystemBridge.ts). That is how bibliographies and chapters are
 * read on virtual file systems (a GitHub repository in github.dev, a remote folder in code-server).
 *
 * Both sides check: here, that the file lies inside the scope's roots (by URI path) and the size cap; in the client,
 * that the file is inside a workspace folder, before anything is read.
 */
import { URI } from 'vscode-uri';
import { FileAccessError, type FileKind, type FileStat, type WorkspaceFileSystem } from '../core/workspace';
import type { FileAccessScope } from './nodeFileSystem';

export const statRequest = 'secretome/stat';
export const readFileRequest = 'secretome/readFile';
export const listDirectoryRequest = 'secretome/listDirectory';

export interface FileRequestParams {
  uri: string;
  /** Larger files are refused without being read. */
  maxBytes: number;
}

/** A refusal the client sends back instead of throwing, so the reason survives the trip as data. */
export interface FileRefusal {
  refused: { reason: string; message: string };
}

export type StatAnswer = FileStat | FileRefusal;
export type ReadFileAnswer = { text: string } | FileRefusal;
export type ListDirectoryAnswer = { entries: Array<{ name: string; kind: FileKind }> } | FileRefusal;

/** The part of the server's connection this needs (a fake in tests). */
export interface FileRequester {
  sendRequest<R>(method: string, params: FileRequestParams): Promise<R>;
}

/**
 * A browser tab holds everything it reads in memory, and one bibliography larger than this is not one a person keeps
 * next to a manuscript in a repository; the Node build allows 256 MB.
 */
export const browserMaxFileBytes = 64 * 1024 * 1024;

/**
 * How long a request waits for the client's answer. A file system that never answers (a remote that went away, a
 * provider that hangs) must not hold a document's diagnostics for ever: the file counts as unreadable and is reported
 * where it is named. Long enough for the largest file allowed over a slow connection.
 */
export const clientAnswerTimeoutMs = 30_000;

export class ClientFileSystem implements WorkspaceFileSystem {
  private readonly maxBytes: number;

  constructor(
    private readonly client: FileRequester,
    private readonly scope: FileAccessScope,
    private readonly answerTimeoutMs = clientAnswerTimeoutMs,
  ) {
    this.maxBytes = Math.min(scope.maxBytes ?? browserMaxFileBytes, browserMaxFileBytes);
  }

  async stat(uri: string): Promise<FileStat> {
    const answer = await this.ask<StatAnswer>(statRequest, uri);
    if (answer.kind === 'file' && answer.size > this.maxBytes) throw this.tooLarge(uri);
    return answer;
  }

  async read(uri: string): Promise<string> {
    return (await this.ask<{ text: string }>(readFileRequest, uri)).text;
  }

  async list(uri: string): Promise<Array<{ name: string; kind: FileKind }>> {
    return (await this.ask<{ entries: Array<{ name: string; kind: FileKind }> }>(listDirectoryRequest, uri)).entries;
  }

  private async ask<T extends object>(method: string, uri: string): Promise<Exclude<T, FileRefusal>> {
    const requested = URI.parse(uri);
    const requestedPath = normalisedPath(requested.path);
    if (!this.roots().some((root) => isInside(requestedPath, root))) throw this.outside(requested.path);
    let answer: T | FileRefusal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const noAnswer = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the editor did not answer within ${formatSeconds(this.answerTimeoutMs)}`)), this.answerTimeoutMs);
    });
    try {
      answer = await Promise.race([this.client.sendRequest<T | FileRefusal>(method, { uri, maxBytes: this.maxBytes }), noAnswer]);
    } catch (error) {
      throw new FileAccessError(`${display(uri)} cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'unreadable');
    } finally {
      clearTimeout(timer);
    }
    if ('refused' in answer) throw new FileAccessError(answer.refused.message, answer.refused.reason);
    return answer as Exclude<T, FileRefusal>;
  }

  private roots(): string[] {
    return [...this.scope.roots, ...(this.scope.named ?? [])].map(normalisedPath);
  }

  private outside(file: string): FileAccessError {
    return new FileAccessError(
      `${display(file)} is outside ${this.scope.rootsName ?? 'the workspace folders'}; in the browser Secretome Writer reads only files inside them`,
      'outside-workspace',
    );
  }

  private tooLarge(uri: string): FileAccessError {
    return new FileAccessError(`${display(uri)} is larger than ${Math.round(this.maxBytes / (1024 * 1024))} MB; Secretome Writer does not read it in the browser`, 'too-large');
  }
}

/** "/a/b/../c/" → "/a/c"; backslashes (a Windows browser's fsPath) become slashes. */
export function normalisedPath(value: string): string {
  const segments: string[] = [];
  for (const segment of value.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

function isInside(file: string, root: string): boolean {
  return file === root || file.startsWith(root === '/' ? '/' : `${root}/`);
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function display(uriOrPath: string): string {
  return decodeURIComponent(uriOrPath.slice(uriOrPath.lastIndexOf('/') + 1)) || uriOrPath;
}
