/**
 * LSP conformance over the protocol: requests after `shutdown` are refused with InvalidRequest, a cancelled request
 * answers RequestCancelled (never a silent null), `exit` ends the process with 0 after `shutdown` and 1 without, even
 * while a long document is being parsed; and a didChange that reuses a version number is analysed in its new text.
 */
import * as assert from 'assert';
import {
  CancellationTokenSource,
  CompletionRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { makeManuscript } from '../bench/manuscriptGenerator';
import { startClient, type LspClient } from './lspClient';

async function errorOf(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const answer = await request;
    assert.fail(`expected an error, the server answered ${JSON.stringify(answer)}`);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return error;
  }
}

function exitCodeOf(client: LspClient): Promise<number | null> {
  return new Promise((resolve) => {
    if (client.process.exitCode !== null) resolve(client.process.exitCode);
    else client.process.once('exit', (code) => resolve(code));
  });
}

describe('protocol: shutdown, exit and cancellation', function () {
  this.timeout(60_000);
  const uri = 'file:///conformance/draft.md';
  const text = 'TGF-β may hold stem cells in quiescence [30, 31].\n';

  it('refuses requests after shutdown with InvalidRequest (-32600), and exits with 0', async () => {
    const client = await startClient();
    try {
      await client.open(uri, 'markdown', text);
      assert.ok(await client.hover(uri, { line: 0, character: 2 }), 'answers before shutdown');
      await client.connection.sendRequest(ShutdownRequest.type);
      for (const request of [
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } }),
        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 41 } }),
        client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secretome.server.checkWorkspace', arguments: [] }),
      ]) {
        const error = await errorOf(request);
        assert.strictEqual(error.code, ErrorCodes.InvalidRequest);
        assert.strictEqual(error.code, -32600);
      }
      const exited = exitCodeOf(client);
      await client.connection.sendNotification(ExitNotification.type);
      assert.strictEqual(await exited, 0);
    } finally {
      client.connection.dispose();
      client.process.kill();
    }
  });

  it('answers a cancelled request with RequestCancelled (-32800)', async () => {
    const client = await startClient();
    try {
      // A long document: the hover waits for its parse in the worker thread, so the cancellation arrives meanwhile.
      const long = 'file:///conformance/long.md';
      const longText = makeManuscript(40_000);
      await client.open(long, 'markdown', longText);
      const source = new CancellationTokenSource();
      const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: long }, position: { line: 0, character: 4 } }, source.token);
      source.cancel();
      const error = await errorOf(hover);
      assert.strictEqual(error.code, LSPErrorCodes.RequestCancelled);
      assert.strictEqual(error.code, -32800);
      // Not cancelled, a hover on the long document's first citation is answered.
      const lines = longText.split('\n');
      const line = lines.findIndex((text) => text.includes('[17]'));
      const answered = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: long },
        position: { line, character: lines[line].indexOf('[17]') + 1 },
      });
      assert.match(JSON.stringify(answered?.contents), /17/);
    } finally {
      await client.stop();
    }
  });

  it('exits with 0 on exit after shutdown while a long document is being parsed', async () => {
    const client = await startClient();
    const long = 'file:///conformance/pending.md';
    try {
      const logged: string[] = [];
      client.connection.onNotification('window/logMessage', (params: { message: string }) => void logged.push(params.message));
      await client.open(long, 'markdown', makeManuscript(300_000));
      // A request that waits on the parse (a read of the worker's answer) is pending when shutdown and exit come.
      const pending = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: long }, position: { line: 0, character: 4 } });
      pending.catch(() => undefined);
      while (!logged.some((line) => line.includes('parsing file:///conformance/pending.md'))) await new Promise((resolve) => setTimeout(resolve, 10));
      const exited = exitCodeOf(client);
      await client.connection.sendRequest(ShutdownRequest.type);
      await client.connection.sendNotification(ExitNotification.type);
      assert.strictEqual(await exited, 0);
      assert.ok(!logged.some((line) => line.startsWith('[secretome] parsed file:///conformance/pending.md')), 'exited before the parse was done');
    } finally {
      client.connection.dispose();
      client.process.kill();
    }
  });

  it('exits with 1 on exit without shutdown', async () => {
    const client = await startClient();
    try {
      await client.open(uri, 'markdown', text);
      const exited = exitCodeOf(client);
      await client.connection.sendNotification(ExitNotification.type);
      assert.strictEqual(await exited, 1);
    } finally {
      client.connection.dispose();
      client.process.kill();
    }
  });
});

describe('protocol: a didChange that reuses a version number', function () {
  let client: LspClient;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  it('publishes the diagnostics of the new text, not those cached for the version', async () => {
    const reused = 'file:///conformance/reused.md';
    await client.open(reused, 'markdown', 'Nothing to check here.\n');
    assert.deepStrictEqual(await client.diagnostics(reused), []);
    const next = client.nextDiagnostics(reused);
    // Version 1 again, with three findings due.
    await client.change(reused, 1, 'Exosomes promote angiogenesis [55].\n\nThe secretome enhances wound healing [18-11].\n\nSecretome gels speed up the closure of burn wounds.\n');
    const diagnostics = await next;
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ['unknown-citation', 'malformed-citation', 'unsupported-claim'],
    );
  });
});
