/**
 * The workspace check over the protocol: every manuscript on disk is linted, open ones in their current text; build
 * and hidden folders are not; files that cannot be read are counted and said.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describeWorkspaceCheck } from '../../server/src/workspaceFiles';
import { findManuscripts } from '../../server/src/workspace/manuscriptsOnDisk';
import { startClient, type LspClient } from './lspClient';

describe('protocol: checking every manuscript in the workspace', function () {
  let client: LspClient | undefined;
  let folder: string;
  const write = (relative: string, text: string) => {
    const file = path.join(folder, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return pathToFileURL(file).href;
  };

  const checkWorkspace = async () => {
    if (!client) throw new Error('start the client first');
    const messages: string[] = [];
    client.connection.onNotification('window/showMessage', (params: { message: string }) => {
      messages.push(params.message);
    });
    const result = await client.connection.sendRequest('workspace/executeCommand', {
      command: 'secretome.server.checkWorkspace',
      arguments: [],
    });
    return { result, messages };
  };

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-workspace-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes diagnostics for the manuscripts on disk and answers with the counts', async () => {
    const draft = write('draft.md', 'Secretome gels speed up the closure of burn wounds.\n');
    const chapter = write('chapters/two.tex', 'Exosomes promote angiogenesis \\cite{nobody1999}.\n');
    const notes = write('notes.txt', 'Nothing to check here.\n');
    const vendored = write('node_modules/pkg/README.md', 'Secretome gels speed up the closure of burn wounds.\n');
    const hidden = write('.cache/old.md', 'Secretome gels speed up the closure of burn wounds.\n');
    client = await startClient({}, folder);

    const { result, messages } = await checkWorkspace();
    assert.deepStrictEqual(result, { files: 3, findings: 2, skipped: 0, capped: false, limit: 2000, notChecked: 0, notCheckedExact: true });
    assert.deepStrictEqual(messages, ['Secretome Writer checked 3 manuscripts: 2 findings.']);

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
      })) as { files: number; findings: number; skipped: number };
      assert.strictEqual(result.files, 1);
      // The FIFO pipe.md and the link linked.md are counted as skipped, never opened.
      assert.strictEqual(result.skipped, 2);
      const published = unsafeClient.published();
      assert.deepStrictEqual([...published.keys()], [pathToFileURL(draft).href]);
      assert.deepStrictEqual(published.get(pathToFileURL(draft).href)?.map((diagnostic) => diagnostic.code), ['unknown-citation', 'unread-bibliography']);
    } finally {
      await unsafeClient?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('checks open manuscripts in their current text, not as saved, and counts in the singular', async () => {
    const saved = write('open.md', 'Nothing to check here.\n');
    client = await startClient({}, folder);
    await client.open(saved, 'markdown', 'Secretome gels speed up the closure of burn wounds.\n');
    await client.diagnostics(saved);

    const { result, messages } = await checkWorkspace();
    assert.deepStrictEqual(result, { files: 1, findings: 1, skipped: 0, capped: false, limit: 2000, notChecked: 0, notCheckedExact: true });
    assert.deepStrictEqual(messages, ['Secretome Writer checked 1 manuscript: 1 finding.']);
    assert.deepStrictEqual(client.published().get(saved)?.map((diagnostic) => diagnostic.code), ['unsupported-claim']);
  });

  it('serves Quarto and R Markdown files as Markdown, and says how many files it skipped', async () => {
    const quarto = write('paper.qmd', 'Secretome gels speed up the closure of burn wounds.\n');
    const rMarkdown = write('analysis.Rmd', 'Exosomes promote angiogenesis [999].\n');
    write('binary.md', 'PK\u0003\u0004\u0000\u0000 not text');
    client = await startClient({}, folder);

    const { result, messages } = await checkWorkspace();
    assert.deepStrictEqual(result, { files: 2, findings: 2, skipped: 1, capped: false, limit: 2000, notChecked: 0, notCheckedExact: true });
    assert.strictEqual(messages.length, 1);
    assert.strictEqual(messages[0], 'Secretome Writer checked 2 manuscripts: 2 findings. Skipped 1 file (not a regular file, unreadable, binary or over 5 MB; see the log).');
    assert.deepStrictEqual(client.published().get(quarto)?.map((diagnostic) => diagnostic.code), ['unsupported-claim']);
    assert.deepStrictEqual(client.published().get(rMarkdown)?.map((diagnostic) => diagnostic.code), ['unknown-citation']);
  });
});

describe('finding the manuscripts of a folder', () => {
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-find-'));
    for (const name of ['a.md', 'b.tex', 'c.txt', 'd.qmd', 'e.Rmd', 'f.js', 'g.png']) fs.writeFileSync(path.join(folder, name), 'x');
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('counts what it leaves out past its limit, and names FIFOs and links without opening them', async () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-find-past-'));
    try {
      for (const name of ['a.md', 'b.md', 'sub/c.md', 'sub/d.tex', 'sub/deeper/e.txt', 'sub/f.js']) {
        fs.mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
        fs.writeFileSync(path.join(tree, name), 'x');
      }
      execFileSync('mkfifo', [path.join(tree, 'pipe.md')]);
      fs.symlinkSync(path.join(tree, 'a.md'), path.join(tree, 'link.md'));
      const found = await findManuscripts(tree, 2);
      assert.deepStrictEqual(found.files.map((file) => path.relative(tree, file)), ['a.md', 'b.md']);
      assert.strictEqual(found.capped, true);
      assert.strictEqual(found.notListed, 3, 'c.md, d.tex and e.txt were found past the limit');
      assert.strictEqual(found.notListedExact, true);
      assert.deepStrictEqual(found.notRegular.map((file) => path.basename(file)).sort(), ['link.md', 'pipe.md']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('lists manuscripts only, and says when it stopped at its limit', async () => {
    const all = await findManuscripts(folder);
    assert.deepStrictEqual(all.files.map((file) => path.basename(file)), ['a.md', 'b.tex', 'c.txt', 'd.qmd', 'e.Rmd']);
    assert.strictEqual(all.capped, false);
    const exactly = await findManuscripts(folder, 5);
    assert.strictEqual(exactly.capped, false, 'five files and a limit of five: nothing left out');
    const capped = await findManuscripts(folder, 3);
    assert.deepStrictEqual(capped.files.map((file) => path.basename(file)), ['a.md', 'b.tex', 'c.txt']);
    assert.strictEqual(capped.capped, true);
  });

  it('says so when the check stopped at its limit', () => {
    assert.strictEqual(
      describeWorkspaceCheck({ files: 2000, findings: 1, skipped: 0, capped: true, limit: 2000, notChecked: 345, notCheckedExact: true }),
      'checked 2,000 manuscripts: 1 finding. Stopped at the limit of 2,000 files; 345 more manuscripts were not checked.',
    );
    assert.strictEqual(
      describeWorkspaceCheck({ files: 2000, findings: 0, skipped: 1, capped: true, limit: 2000, notChecked: 1, notCheckedExact: false }),
      'checked 2,000 manuscripts: 0 findings. Skipped 1 file (not a regular file, unreadable, binary or over 5 MB; see the log). Stopped at the limit of 2,000 files; at least 1 more manuscript was not checked.',
    );
  });
});
