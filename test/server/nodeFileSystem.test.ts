/**
 * The Node file system's safety checks, on real files in a temporary folder: what lies outside the roots, what is not
 * a regular file, and what is too large is refused with its reason, and nothing hangs (mocha's timeout would catch it).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { FileAccessError } from '../../server/src/core/workspace';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const uriOf = (file: string) => URI.file(file).toString();

async function refusal(promise: Promise<unknown>): Promise<FileAccessError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FileAccessError, `not a FileAccessError: ${String(error)}`);
    return error;
  }
  assert.fail('the file was read');
}

describe('NodeFileSystem: reading only regular files inside the roots', function () {
  this.timeout(5000);
  let base: string;
  let root: string;
  let outside: string;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-fs-'));
    root = path.join(base, 'workspace');
    outside = path.join(base, 'elsewhere');
    fs.mkdirSync(path.join(root, 'chapters'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'refs.bib'), '@article{a, title={A}}\n');
    fs.writeFileSync(path.join(root, 'chapters', 'one.md'), '# One\n');
    fs.writeFileSync(path.join(outside, 'secret.bib'), '@article{secret, title={Secret}}\n');
    execFileSync('mkfifo', [path.join(root, 'pipe.bib')]);
    fs.symlinkSync(path.join(outside, 'secret.bib'), path.join(root, 'link-out.bib'));
    fs.symlinkSync(path.join(root, 'refs.bib'), path.join(root, 'link-in.bib'));
    fs.symlinkSync(outside, path.join(root, 'folder-out'));
    const large = fs.openSync(path.join(root, 'huge.bib'), 'w');
    fs.ftruncateSync(large, 2 * 1024 * 1024); // sparse: no disk used
    fs.closeSync(large);
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  const files = () => new NodeFileSystem({ roots: [root], maxBytes: 1024 * 1024 });

  it('reads a regular file inside the roots, also through a link that stays inside', async () => {
    assert.strictEqual(await files().read(uriOf(path.join(root, 'refs.bib'))), '@article{a, title={A}}\n');
    assert.strictEqual(await files().read(uriOf(path.join(root, 'link-in.bib'))), '@article{a, title={A}}\n');
    const stat = await files().stat(uriOf(path.join(root, 'refs.bib')));
    assert.deepStrictEqual([stat.kind, stat.size], ['file', 23]);
  });

  it('refuses ../ paths and symlinks that lead out of the roots', async () => {
    const climbed = await refusal(files().read(uriOf(path.join(root, '../../../../etc/passwd'))));
    assert.strictEqual(climbed.reason, 'outside-workspace');
    assert.match(climbed.message, /^\/etc\/passwd is outside the workspace folders; Secretome Writer reads only files inside them/);
    const linked = await refusal(files().read(uriOf(path.join(root, 'link-out.bib'))));
    assert.strictEqual(linked.reason, 'outside-workspace');
    assert.match(linked.message, /^link-out\.bib \(it leads to .*secret\.bib\) is outside the workspace folders/);
    assert.strictEqual((await refusal(files().read(uriOf(path.join(root, 'folder-out', 'secret.bib'))))).reason, 'outside-workspace');
    assert.strictEqual(await files().allows(uriOf(path.join(root, 'link-out.bib'))), false);
    assert.strictEqual(await files().allows(uriOf(path.join(root, 'missing.bib'))), true);
  });

  it('refuses a FIFO without blocking on it', async () => {
    const error = await refusal(files().read(uriOf(path.join(root, 'pipe.bib'))));
    assert.strictEqual(error.reason, 'not-a-regular-file');
    assert.match(error.message, /^pipe\.bib is not a regular file/);
    assert.strictEqual((await refusal(files().stat(uriOf(path.join(root, 'pipe.bib'))))).reason, 'not-a-regular-file');
  });

  it('refuses /dev/zero and /proc/self/fd/0, outside the roots or even when named in settings', async () => {
    for (const device of ['/dev/zero', '/proc/self/fd/0']) {
      assert.strictEqual((await refusal(files().read(uriOf(device)))).reason, 'outside-workspace', device);
      const named = new NodeFileSystem({ roots: [root], named: [device] });
      const error = await refusal(named.read(uriOf(device)));
      assert.ok(['not-a-regular-file', 'not-found'].includes(error.reason), `${device}: ${error.reason} ${error.message}`);
    }
  });

  it('refuses a file larger than the cap', async () => {
    const error = await refusal(files().read(uriOf(path.join(root, 'huge.bib'))));
    assert.strictEqual(error.reason, 'too-large');
    assert.match(error.message, /^huge\.bib is larger than 1 MB \(2 MB\)/);
    assert.strictEqual((await refusal(files().stat(uriOf(path.join(root, 'huge.bib'))))).reason, 'too-large');
  });

  it('reads a file outside the roots that the user named in settings', async () => {
    const secret = path.join(outside, 'secret.bib');
    assert.match(await new NodeFileSystem({ roots: [root], named: [secret] }).read(uriOf(secret)), /secret/);
  });

  it('says a missing file does not exist, and refuses folders and other schemes', async () => {
    const missing = await refusal(files().read(uriOf(path.join(root, 'gone.bib'))));
    assert.deepStrictEqual([missing.reason, missing.message], ['not-found', 'gone.bib does not exist']);
    assert.strictEqual((await refusal(files().read(uriOf(path.join(root, 'chapters'))))).reason, 'not-a-regular-file');
    assert.strictEqual((await refusal(files().read('untitled:Untitled-1'))).reason, 'unreadable');
  });

  it('lists files and folders, leaving out FIFOs and links that lead out of the roots', async () => {
    const listed = (await files().list(uriOf(root))).sort((a, b) => a.name.localeCompare(b.name));
    assert.deepStrictEqual(listed, [
      { name: 'chapters', kind: 'directory' },
      { name: 'huge.bib', kind: 'file' },
      { name: 'link-in.bib', kind: 'file' },
      { name: 'refs.bib', kind: 'file' },
    ]);
    assert.strictEqual((await refusal(files().list(uriOf(outside)))).reason, 'outside-workspace');
  });
});
