/** The workspace check over the protocol: every manuscript on disk is linted, build and hidden folders are not. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startClient, type LspClient } from './lspClient';

describe('protocol: checking every manuscript in the workspace', function () {
  let client: LspClient;
  let folder: string;
  const write = (relative: string, text: string) => {
    const file = path.join(folder, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return pathToFileURL(file).href;
  };

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-workspace-'));
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes diagnostics for the manuscripts on disk and answers with the counts', async () => {
    const draft = write('draft.md', 'Secretome gels speed up the closure of burn wounds.\n');
    const chapter = write('chapters/two.tex', 'Exosomes promote angiogenesis \\cite{nobody1999}.\n');
    const notes = write('notes.txt', 'Nothing to check here.\n');
    const vendored = write('node_modules/pkg/README.md', 'Secretome gels speed up the closure of burn wounds.\n');
    const hidden = write('.cache/old.md', 'Secretome gels speed up the closure of burn wounds.\n');
    client = await startClient({}, folder);

    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'secretome.server.checkWorkspace',
      arguments: [],
    })) as { files: number; findings: number };
    assert.deepStrictEqual(result, { files: 3, findings: 2 });

    const published = client.published();
    assert.deepStrictEqual(published.get(draft)?.map((diagnostic) => diagnostic.code), ['unsupported-claim']);
    assert.deepStrictEqual(published.get(chapter)?.map((diagnostic) => diagnostic.code), ['unknown-citation']);
    assert.deepStrictEqual(published.get(notes), []);
    assert.strictEqual(published.has(vendored), false, 'node_modules is not checked');
    assert.strictEqual(published.has(hidden), false, 'hidden folders are not checked');
  });
});
