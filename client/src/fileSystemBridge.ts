/**
 * The client's half of the browser build's file access: the server asks (workspace/clientFileSystem.ts), the client
 * answers with vscode.workspace.fs, so the same requests work on any file system the editor has (a GitHub repository
 * in github.dev, a remote folder, the local disk). Only files inside a workspace folder are answered, and none larger
 * than the size the server asks for is read.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  listDirectoryRequest,
  readFileRequest,
  statRequest,
  type FileRefusal,
  type FileRequestParams,
  type ListDirectoryAnswer,
  type ReadFileAnswer,
  type StatAnswer,
} from '../../server/src/workspace/clientFileSystem';

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable {
  const handlers = [
    client.onRequest<StatAnswer, never>(statRequest, (params: FileRequestParams) => answer<StatAnswer>(params, async (uri) => {
      const stat = await vscode.workspace.fs.stat(uri);
      return { kind: kindOf(stat.type), size: stat.size, mtime: stat.mtime };
    })),
    client.onRequest<ReadFileAnswer, never>(readFileRequest, (params: FileRequestParams) => answer<ReadFileAnswer>(params, async (uri, name) => {
      const stat = await vscode.workspace.fs.stat(uri);
      if (kindOf(stat.type) !== 'file') return refusal('not-a-regular-file', `${name} is not a file; Secretome Writer does not read it`);
      if (stat.size > params.maxBytes) return refusal('too-large', `${name} is larger than ${megabytes(params.maxBytes)}; Secretome Writer does not read it in the browser`);
      const bytes = await vscode.workspace.fs.readFile(uri);
      // The stat may be stale (a file that grew): the cap holds for what was read.
      if (bytes.byteLength > params.maxBytes) return refusal('too-large', `${name} is larger than ${megabytes(params.maxBytes)}; Secretome Writer does not read it in the browser`);
      return { text: new TextDecoder('utf-8').decode(bytes) };
    })),
    client.onRequest<ListDirectoryAnswer, never>(listDirectoryRequest, (params: FileRequestParams) => answer<ListDirectoryAnswer>(params, async (uri) => {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      return {
        entries: entries
          .map(([name, type]) => ({ name, kind: kindOf(type) }))
          .filter((entry): entry is { name: string; kind: 'file' | 'directory' } => entry.kind !== 'other'),
      };
    })),
  ];
  return vscode.Disposable.from(...handlers);
}

/** Runs `read` for a URI inside a workspace folder; a refusal (never a thrown error) otherwise or when it fails. */
async function answer<T>(params: FileRequestParams, read: (uri: vscode.Uri, name: string) => Promise<T | FileRefusal>): Promise<T | FileRefusal> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return refusal('unreadable', `${params.uri} is not a URI`);
  }
  const name = vscode.workspace.asRelativePath(uri, false);
  if (!vscode.workspace.getWorkspaceFolder(uri)) {
    return refusal('outside-workspace', `${name} is outside the workspace folders; in the browser Secretome Writer reads only files inside them`);
  }
  try {
    return await read(uri, name);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound')) {
      return refusal('not-found', `${name} does not exist`);
    }
    return refusal('unreadable', `${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function kindOf(type: vscode.FileType): 'file' | 'directory' | 'other' {
  // A link carries the kind of what it points to as well (File | SymbolicLink).
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function refusal(reason: string, message: string): FileRefusal {
  return { refused: { reason, message } };
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
