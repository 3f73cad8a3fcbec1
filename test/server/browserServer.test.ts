/**
 * The browser build's server as VS Code for the Web runs it, without a browser: server/src/browserServer.ts bundled for
 * the browser (as esbuild.mjs bundles it) runs in a worker thread with no setImmediate, as in a web worker, on a
 * MessageChannel; this test is its client and answers its file requests (client/src/fileSystemBridge.ts's part)
 * from memory, except one it never answers. However long the document and whatever the bridge does, the document's
 * diagnostics are published, and the file that was not read is reported where it is named.
 */
import * as assert from 'assert';
import * as path from 'path';
import { MessageChannel, Worker, type MessagePort } from 'worker_threads';
import { build } from 'esbuild';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { listDirectoryRequest, readFileRequest, statRequest, type FileRequestParams } from '../../server/src/workspace/clientFileSystem';

const projectRoot = path.resolve(__dirname, '../..');
const folder = 'file:///thesis';
/** How long the server waits for a file answer in this test (30 s in the product). */
const answerTimeoutMs = 300;

/** JSON-RPC messages over a MessagePort, as vscode-jsonrpc's browser reader and writer carry them. */
class PortReader extends AbstractMessageReader implements MessageReader {
  constructor(private readonly port: MessagePort) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    const listener = (message: Message) => callback(message);
    this.port.on('message', listener);
    return { dispose: () => this.port.off('message', listener) };
  }
}
class PortWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly port: MessagePort) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.port.postMessage(message);
  }
  end(): void {}
}

/** The browser bundle of the server, its entry point exposed, evaluated in a worker after setImmediate is removed. */
async function browserServerSource(): Promise<string> {
  const bundled = await build({
    entryPoints: [path.join(projectRoot, 'server/src/browserServer.ts')],
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    globalName: 'browserServer',
    write: false,
    logLevel: 'silent',
  });
  return [
    // A web worker has no setImmediate (nor does the worker extension host add one).
    'delete globalThis.setImmediate;',
    bundled.outputFiles[0].text,
    "const { workerData } = require('worker_threads');",
    'browserServer.startBrowserServer(workerData.port, { fileAnswerTimeoutMs: workerData.answerTimeoutMs });',
  ].join('\n');
}

/** A manuscript long enough that checking it takes many 10 ms slices: every paragraph an uncited claim. */
function longManuscript(paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, index) => `In cohort ${index + 1}, TGF-β may induce stem cell quiescence, a dormant state that prevents excessive cell division and differentiation.`,
  );
  return ['---', 'bibliography: refs.bib', '---', '', '# Claims to check', '', ...body.flatMap((paragraph) => [paragraph, ''])].join('\n');
}

describe('browser build: the server in a worker without setImmediate, its file bridge answering through the client', function () {
  this.timeout(60_000);
  let worker: Worker;
  let connection: ProtocolConnection;
  const logged: string[] = [];
  const asked: string[] = [];
  const files = new Map<string, string>();

  before(async () => {
    const channel = new MessageChannel();
    worker = new Worker(await browserServerSource(), {
      eval: true,
      workerData: { port: channel.port1, answerTimeoutMs },
      transferList: [channel.port1],
    });
    connection = createProtocolConnection(new PortReader(channel.port2), new PortWriter(channel.port2));
    connection.onNotification('window/logMessage', (params: { message: string }) => void logged.push(params.message));
    const answerFrom = (method: string) => (params: FileRequestParams): Promise<never> | object => {
      asked.push(`${method} ${params.uri.slice(folder.length)}`);
      // The bibliography is the file whose answer never comes (a remote gone quiet, a provider that hangs).
      if (params.uri.endsWith('/refs.bib')) return new Promise<never>(() => undefined);
      const text = files.get(params.uri);
      if (method === listDirectoryRequest) {
        const prefix = `${params.uri.replace(/\/$/, '')}/`;
        const names = [...files.keys()].filter((uri) => uri.startsWith(prefix)).map((uri) => uri.slice(prefix.length));
        return { entries: names.filter((name) => !name.includes('/')).map((name) => ({ name, kind: 'file' })) };
      }
      if (text === undefined) return { refused: { reason: 'not-found', message: `${params.uri.slice(folder.length + 1)} does not exist` } };
      return method === statRequest ? { kind: 'file', size: text.length, mtime: 1 } : { text };
    };
    for (const method of [statRequest, readFileRequest, listDirectoryRequest]) connection.onRequest(method, answerFrom(method));
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'thesis' }],
      capabilities: {},
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    connection?.dispose();
    await worker?.terminate();
  });

  it('publishes a long document\'s diagnostics, with the bibliography whose read never answered reported at its name', async () => {
    const uri = `${folder}/paper.md`;
    const paragraphs = 150;
    const text = longManuscript(paragraphs);
    files.set(uri, text);
    const published = new Promise<Diagnostic[]>((resolve) => {
      connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === uri) resolve(params.diagnostics);
      });
    });
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = await Promise.race([
      published,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no diagnostics for paper.md; asked ${JSON.stringify(asked)}; the server logged:\n${logged.join('\n')}`)), 30_000),
      ),
    ]);

    // Every paragraph's claim, each on its own line: the check ran to its end through many slices.
    const claims = diagnostics.filter((diagnostic) => diagnostic.code === 'unsupported-claim');
    const lines = text.split('\n');
    assert.strictEqual(claims.length, paragraphs, `${claims.length} unsupported-claim findings; the server logged:\n${logged.join('\n')}`);
    assert.deepStrictEqual(
      claims.map((claim) => lines[claim.range.start.line].match(/^In cohort (\d+),/)?.[1]).map(Number),
      Array.from({ length: paragraphs }, (_, index) => index + 1),
    );
    // The bibliography is named on line 1 ("bibliography: refs.bib"): a warning there says it was not read, and why.
    const unread = diagnostics.filter((diagnostic) => diagnostic.code === 'unread-bibliography');
    assert.strictEqual(unread.length, 1, JSON.stringify(diagnostics.filter((diagnostic) => diagnostic.code !== 'unsupported-claim')));
    assert.strictEqual(unread[0].range.start.line, 1);
    assert.strictEqual(lines[1].slice(unread[0].range.start.character, unread[0].range.end.character), 'refs.bib');
    assert.match(String(unread[0].message), /refs\.bib cannot be read: the editor did not answer within 300 ms/);
    assert.ok(asked.includes(`${statRequest} /refs.bib`), `the server asked ${JSON.stringify(asked)}`);
  });
});
