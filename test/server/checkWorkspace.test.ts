/** The workspace check over the protocol: every manuscript on disk is linted, build and hidden folders are not. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
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

  it('skips FIFOs and links out of the workspace, and finishes although a manuscript names a FIFO bibliography', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-outside-'));
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-unsafe-'));
    let unsafeClient: LspClient | undefined;
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), 'Secretome gels speed up the closure of burn wounds.\n');
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(workspace, 'linked.md'));
      execFileSync('mkfifo', [path.join(workspace, 'pipe.md')]);
      execFileSync('mkfifo', [path.join(workspace, 'refs.bib')]);
      const draft = path.join(workspace, 'draft.md');
      fs.writeFileSync(draft, '---\nbibliography: refs.bib\n---\n\nSee [@nobody1999].\n');
      unsafeClient = await startClient({}, workspace);
      const result = (await unsafeClient.connection.sendRequest('workspace/executeCommand', {
        command: 'secretome.server.checkWorkspace',
        arguments: [],
      })) as { files: number; findings: number };
      assert.strictEqual(result.files, 1);
      const published = unsafeClient.published();
      assert.deepStrictEqual([...published.keys()], [pathToFileURL(draft).href]);
      assert.deepStrictEqual(published.get(pathToFileURL(draft).href)?.map((diagnostic) => diagnostic.code), ['unknown-citation', 'unread-bibliography']);
    } finally {
      await unsafeClient?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
