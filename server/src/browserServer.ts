/**
 * The language server of the browser build (VS Code for the Web: vscode.dev, github.dev, code-server). It runs inside
 * the web worker extension host, in the same worker as the client, on a MessageChannel: an extension served from a
 * remote may not start a Worker of its own (microsoft/vscode#168942), and the server answers in milliseconds anyway.
 *
 * The same server and core as the Node build; what differs is the runtime: files are read through the client
 * (workspace/clientFileSystem.ts), bibliographies are parsed in-process, and there is no command-line linter.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { loadBundledDataset } from './core/bundledDataset';
import { startServer } from './server';
import { browserAccessScope, findManuscriptsThrough } from './browserWorkspace';
import { ClientFileSystem } from './workspace/clientFileSystem';
import type { FileAccessScope } from './workspace/nodeFileSystem';

/** One end of a MessageChannel (typed from the reader: this project compiles without the DOM library). */
export type ServerPort = ConstructorParameters<typeof BrowserMessageReader>[0] & { close(): void };

export interface BrowserServerOptions {
  /** How long a file request waits for the client (clientFileSystem.ts's default; tests shorten it). */
  fileAnswerTimeoutMs?: number;
}

/** Starts a server that speaks LSP over `port`; it stops listening when the client sends `exit`. */
export function startBrowserServer(port: ServerPort, options: BrowserServerOptions = {}): void {
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
  const files = (scope: FileAccessScope) => new ClientFileSystem(connection, scope, options.fileAnswerTimeoutMs);
  startServer(connection, {
    loadDataset: loadBundledDataset,
    now: () => performance.now(),
    fileSystem: files,
    accessScope: browserAccessScope,
    findManuscripts: (folderUri, limit) => findManuscriptsThrough(files, folderUri, limit),
    // Whatever file system the editor has for the document (vscode-vfs, vscode-remote, file), never an unsaved one.
    readsScheme: (scheme) => scheme !== 'untitled',
  });
  connection.onExit(() => {
    connection.dispose();
    port.close();
  });
  connection.listen();
}
