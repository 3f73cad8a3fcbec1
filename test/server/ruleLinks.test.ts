/** Each diagnostic's code links to its rule's section of the rules documentation the client says it has. */
import * as assert from 'assert';
import { startClient, type LspClient } from './lspClient';

describe('protocol: rule codes link to their documentation', function () {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  const uri = 'file:///links/draft.md';
  const text = 'Secretome gels speed up the closure of burn wounds.\n\nTGFb inhibits stem cell proliferation [55].\n';

  it('links each code to <rulesDocumentation>#<code> when the client gives the documentation', async () => {
    client = await startClient({}, undefined, { rulesDocumentation: 'file:///ext/docs/rules.md' });
    await client.open(uri, 'markdown', text);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.length >= 3, JSON.stringify(diagnostics.map((d) => d.code)));
    for (const diagnostic of diagnostics) {
      assert.strictEqual(diagnostic.codeDescription?.href, `file:///ext/docs/rules.md#${diagnostic.code}`);
    }
  });

  it('carries no link without it, or when it is not a URI', async () => {
    client = await startClient({}, undefined, { rulesDocumentation: 'docs/rules.md' });
    await client.open(uri, 'markdown', text);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((diagnostic) => diagnostic.codeDescription === undefined));
  });
});
