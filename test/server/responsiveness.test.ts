/**
 * One slow document never stalls the others, over the protocol: while a long manuscript is parsed (in the worker
 * thread) and then linted (in slices), a hover on a small document is answered, before the long document's
 * diagnostics are published. The assertions are on order (which message came first), never on time; the server's
 * log says when the long document's parse starts and ends, so each hover is sent inside that phase.
 */
import * as assert from 'assert';
import { makeManuscript } from '../bench/manuscriptGenerator';
import { startClient, type LspClient } from './lspClient';

/** Resolves with the first log line matching `pattern` (checking those already logged first). */
function logWatcher(client: LspClient): (pattern: RegExp) => Promise<string> {
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  client.connection.onNotification('window/logMessage', (params: { message: string }) => {
    lines.push(params.message);
    waiters.splice(0).forEach((wake) => wake());
  });
  return async (pattern) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = lines.find((line) => pattern.test(line));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern}; logged:\n${lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  };
}

describe('protocol: a long document never stalls requests on the others', function () {
  this.timeout(120_000);
  let client: LspClient;
  const small = 'file:///responsive/small.md';
  const big = 'file:///responsive/big.md';
  // About 1 MB: parsed in the worker thread (over 100 KB), and seconds of linting with no diagnostics cap.
  const longText = makeManuscript(150_000);

  before(async () => {
    client = await startClient({ lint: { maxDiagnostics: 1_000_000 } });
  });
  after(() => client.stop());

  it('answers a hover on a small document while the long one is parsed, and again while it is linted, before its diagnostics', async () => {
    const waitForLog = logWatcher(client);
    await client.open(small, 'markdown', 'TGF-β may hold stem cells in quiescence [30, 31].\n');
    await client.diagnostics(small);
    const hoverSmall = async () => {
      const hover = await client.hover(small, { line: 0, character: 2 });
      return { text: JSON.stringify(hover?.contents ?? null), bigPublished: client.published().has(big) };
    };

    await client.open(big, 'markdown', longText);
    await waitForLog(/^\[secretome\] parsing file:\/\/\/responsive\/big\.md \(1\.\d MB\) in the background$/);
    const duringParse = await hoverSmall();
    assert.match(duringParse.text, /transforming growth factor/i);
    assert.strictEqual(duringParse.bigPublished, false, 'the hover during the parse came after the long document was published');

    await waitForLog(/^\[secretome\] parsed file:\/\/\/responsive\/big\.md \(1\.\d MB\) in the background in \d+ ms$/);
    const duringLint = await hoverSmall();
    assert.match(duringLint.text, /transforming growth factor/i);
    assert.strictEqual(duringLint.bigPublished, false, 'the hover during the lint came after the long document was published');

    // The long document's analysis was real: it is published in the end, with its findings.
    const diagnostics = await waitForBig(client, big);
    assert.ok(diagnostics.length > 1000, `the long document has ${diagnostics.length} diagnostics`);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'unsupported-claim'));
  });

  it('an edit while the long document is analysed abandons the old analysis; only the new text is published', async () => {
    const edited = 'file:///responsive/edited.md';
    const waitForLog = logWatcher(client);
    await client.open(edited, 'markdown', longText);
    await waitForLog(/^\[secretome\] parsed file:\/\/\/responsive\/edited\.md .* in the background in \d+ ms$/);
    // Replaced, mid-lint, by a short text with exactly one finding: the long text's thousands are never published.
    await client.change(edited, 2, 'Secretome gels speed up the closure of burn wounds.\n');
    const diagnostics = await waitForBig(client, edited);
    assert.deepStrictEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unsupported-claim']);
  });
});

/** The first diagnostics published for `uri`, polled (an uncapped lint of a long text may take longer than 15 s). */
async function waitForBig(client: LspClient, uri: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const diagnostics = client.published().get(uri);
    if (diagnostics) return diagnostics;
    if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; stderr:\n${client.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
