/**
 * A real Manubot manuscript over the protocol (deep-review, CC BY 4.0, test/fixtures/deep-review): its chapters cite
 * `[@doi:…]`, `[@arxiv:…]`, `[@url:…]`, `[@pmcid:…]` and `[@tag:…]` whose `[@tag:x]: doi:…` lines are in another
 * chapter, and `manual-references.json` beside `metadata.yaml`. None of it is an unknown citation.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startClient, type LspClient } from './lspClient';

const fixture = path.join(__dirname, '../fixtures/deep-review');

describe('protocol: a Manubot manuscript as one project', function () {
  let client: LspClient;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-manubot-'));
    for (const name of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, name), path.join(folder, name));
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  for (const chapter of ['02.intro.md', '05.treat.md']) {
    it(`${chapter}: no unknown-citation on its identifiers and on tags another chapter defines`, async () => {
      const file = path.join(folder, chapter);
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      assert.ok((text.match(/@tag:/g) ?? []).length > 0 && (text.match(/@doi:/g) ?? []).length > 0, 'the chapter cites tags and DOIs');
      await client.open(uri, 'markdown', text);
      const unknown = (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === 'unknown-citation');
      assert.deepStrictEqual(unknown.map((diagnostic) => diagnostic.message), []);
    });
  }

  it('an undefined tag is still flagged, naming the tag', async () => {
    const uri = pathToFileURL(path.join(folder, '07.new.md')).href;
    await client.open(uri, 'markdown', 'Deep learning helps [@tag:Nobody2099_none; @doi:10.1038/nature14539].\n');
    const unknown = (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === 'unknown-citation');
    assert.strictEqual(unknown.length, 1);
    assert.match(String(unknown[0].message), /tag/);
  });
});
