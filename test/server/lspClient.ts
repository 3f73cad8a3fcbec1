/**
 * A small LSP client for protocol tests: starts `node dist/server.js --stdio` as an editor would, and speaks
 * JSON-RPC to it over the child's stdin and stdout.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  CompletionRequest,
  HoverRequest,
  CodeActionRequest,
  ConfigurationRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ExitNotification,
  type ProtocolConnection,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Diagnostic,
  type Position,
  type Range,
  type CodeAction,
  type Command,
  type ServerCapabilities,
  type TextDocumentClientCapabilities,
} from 'vscode-languageserver-protocol/node';

/** The bundled server; a benchmark may point SECRETOME_SERVER at another build (an older one, to compare). */
export const serverPath = process.env.SECRETOME_SERVER ?? path.resolve(__dirname, '../../dist/server.js');

export interface LspClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** What the server answered to initialize. */
  capabilities: ServerCapabilities;
  /** Everything the server wrote to its stderr, for failure messages. */
  stderr(): string;
  open(uri: string, languageId: string, text: string): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  completion(uri: string, position: Position): Promise<CompletionItem[]>;
  /** The whole answer, with isIncomplete (a bare array or null counts as a complete list, as VS Code reads it). */
  completionList(uri: string, position: Position): Promise<CompletionList>;
  hover(uri: string, position: Position): Promise<Hover | null>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(CodeAction | Command)[]>;
  /** Resolves with the first diagnostics published for the uri (at or after the given version). */
  diagnostics(uri: string, minimumVersion?: number): Promise<Diagnostic[]>;
  /** Resolves with the next diagnostics published for the uri after this call. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** Published diagnostics so far, by uri (the last publication for each). */
  published(): Map<string, Diagnostic[]>;
  /** Tells the server that files changed on disk, as an editor's file watcher does. */
  filesChanged(uris: string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startClient(
  settings: Record<string, unknown> = {},
  workspaceFolder?: string,
  initializationOptions?: Record<string, unknown>,
  /** Another build of the server to start (a benchmark comparing two in the same run). */
  server = serverPath,
  /** More text document capabilities the client declares (dynamic registration, say), beside its usual ones. */
  textDocumentCapabilities: TextDocumentClientCapabilities = {},
): Promise<LspClient> {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, { version?: number; diagnostics: Diagnostic[] }[]>();
  const waiters: (() => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const list = published.get(params.uri) ?? [];
    list.push({ version: params.version, diagnostics: params.diagnostics });
    published.set(params.uri, list);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
  connection.listen();

  const initialized = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, ...textDocumentCapabilities } },
    workspaceFolders: workspaceFolder ? [{ uri: pathToFileURL(workspaceFolder).href, name: 'workspace' }] : null,
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});

  /** Waits until `find` sees a publication (woken by each one, checking at least twice a second), for 15 s at most. */
  async function waitForPublication(what: string, find: () => { diagnostics: Diagnostic[] } | undefined): Promise<Diagnostic[]> {
    const deadline = Date.now() + 15000;
    for (;;) {
      const found = find();
      if (found) return found.diagnostics;
      if (Date.now() > deadline) throw new Error(`no ${what} published; server stderr:\n${stderr}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  return {
    connection,
    process: child,
    capabilities: initialized.capabilities,
    stderr: () => stderr,
    open: (uri, languageId, text) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } }),
    change: (uri, version, text) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      }),
    close: (uri) => connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } }),
    async completion(uri, position) {
      const result = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
        | CompletionList
        | CompletionItem[]
        | null;
      return Array.isArray(result) ? result : result?.items ?? [];
    },
    async completionList(uri, position) {
      const result = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
        | CompletionList
        | CompletionItem[]
        | null;
      return Array.isArray(result) ? { isIncomplete: false, items: result } : result ?? { isIncomplete: false, items: [] };
    },
    hover: (uri, position) => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    async codeActions(uri, range, diagnostics) {
      return (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } })) ?? [];
    },
    diagnostics: (uri, minimumVersion = 0) =>
      waitForPublication(`diagnostics for ${uri}`, () => published.get(uri)?.find((entry) => (entry.version ?? 0) >= minimumVersion)),
    nextDiagnostics(uri) {
      const seen = published.get(uri)?.length ?? 0;
      return waitForPublication(`new diagnostics for ${uri}`, () => published.get(uri)?.[seen]);
    },
    published: () => new Map([...published].map(([uri, list]) => [uri, list[list.length - 1].diagnostics])),
    filesChanged: (uris) =>
      connection.sendNotification(DidChangeWatchedFilesNotification.method, {
        changes: uris.map((uri) => ({ uri, type: FileChangeType.Changed })),
      }),
    async stop() {
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } finally {
        connection.dispose();
        child.kill();
      }
    },
  };
}

/**
 * Splits a fixture written with a cursor marker `|` into its text and the marker's position
 * (the first `|` only; write `||` for a literal bar).
 */
export function withCursor(marked: string): { text: string; position: Position } {
  const index = marked.indexOf('|');
  if (index === -1) throw new Error(`fixture has no cursor marker: ${marked}`);
  const text = marked.slice(0, index) + marked.slice(index + 1);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const character = index - (before.lastIndexOf('\n') + 1);
  return { text, position: { line, character } };
}
