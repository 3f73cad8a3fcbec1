// Builds the production .vsix with `npm run package` and checks that it holds exactly what the installed
// extension runs or shows, and that the server runs from the unpacked package alone.
import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  createProtocolConnection,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  DidOpenTextDocumentNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { zipEntries, type ZipEntry } from './zipEntries';

const root = path.resolve(__dirname, '..', '..');
const vsixPath = path.join(root, 'secretome-writer.vsix');

/** What the installed extension needs, as vsce names it inside the package (it renames the README, LICENSE, CHANGELOG). */
const shipped = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/package.nls.json',
  'extension/docs/rules.md',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/syntaxes/secretome.injection.tmLanguage.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/bibliographyWorker.js',
  'extension/dist/cli.js',
  // The browser build (VS Code for the Web): the client with its in-process server.
  'extension/dist/browser/extension.js',
];

/** What must never be packaged, each with why it would be there by mistake. */
const forbidden: Array<[string, RegExp]> = [
  ['TypeScript sources', /\.ts$/],
  ['client or server sources', /^extension\/(client|server)\//],
  ['tests or fixtures', /^extension\/test\//],
  ['node_modules (the bundles carry their dependencies)', /(^|\/)node_modules\//],
  ['caches', /(^|\/)\.cache\//],
  ['CI scripts', /(^|\/)\.ci\//],
  ['project scripts', /^extension\/scripts\//],
  ['source maps', /\.map$/],
  ['data/ files (the server bundles the dataset)', /^extension\/data\//],
  ['build or test configuration', /^extension\/(tsconfig\.json|esbuild\.mjs|\.mocharc\.json|package-lock\.json)$/],
  ['nested .vsix', /\.vsix$/],
];

describe('package: the production .vsix', function () {
  this.timeout(300_000);
  let entries: ZipEntry[] = [];
  let names: string[] = [];

  before(function () {
    try {
      execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'pipe', timeout: 280_000 });
    } catch (error) {
      const failure = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(`npm run package failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    }
    const archive = fs.readFileSync(vsixPath);
    entries = zipEntries(archive);
    names = entries.map((entry) => entry.name);
    const unpacked = entries.reduce((total, entry) => total + entry.size, 0);
    console.log(`    ${path.basename(vsixPath)}: ${entries.length} files, ${kilobytes(archive.length)} (${kilobytes(unpacked)} unpacked)`);
    for (const entry of entries) console.log(`      ${entry.name.padEnd(58)} ${kilobytes(entry.size).padStart(10)}`);
  });

  it('holds the bundles, the grammar, the manifest, the README, LICENSE, CHANGELOG and the icon', () => {
    const missing = shipped.filter((name) => !names.includes(name));
    assert.deepStrictEqual(missing, []);
  });

  it('holds nothing else but the screenshots the README shows and the walkthrough', () => {
    const allowed = new Set([...shipped, ...readmeImages().map((image) => `extension/${image}`), ...walkthroughFiles().map((file) => `extension/${file}`)]);
    assert.deepStrictEqual(names.filter((name) => !allowed.has(name)), []);
  });

  for (const [what, pattern] of forbidden) {
    it(`holds no ${what}`, () => {
      assert.deepStrictEqual(names.filter((name) => pattern.test(name)), []);
    });
  }

  it('holds every file its package.json points at (main, browser, icon, grammars)', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8'));
    const pointedAt: string[] = [manifest.main, manifest.browser, manifest.icon, ...manifest.contributes.grammars.map((g: { path: string }) => g.path)];
    assert.ok(pointedAt.length >= 4 && pointedAt.every(Boolean), `package.json names main, browser, icon and grammars: ${pointedAt}`);
    const missing = pointedAt.map((file) => `extension/${path.posix.normalize(file)}`).filter((name) => !names.includes(name));
    assert.deepStrictEqual(missing, []);
  });

  it('holds every page of the walkthrough and the sample manuscript it opens', () => {
    const pages = walkthroughFiles();
    assert.ok(pages.length >= 6, `the walkthrough has its pages and sample: ${pages}`);
    assert.deepStrictEqual(pages.filter((page) => !names.includes(`extension/${page}`)), []);
  });

  it('holds every image the README shows', () => {
    const missing = readmeImages()
      .filter((image) => !names.includes(`extension/${image}`))
      .map((image) => (fs.existsSync(path.join(root, image)) ? `${image} (not let in by .vscodeignore)` : `${image} (no such file)`));
    assert.deepStrictEqual(missing, []);
  });

  it('holds production bundles: no source-map comment in any of them', () => {
    for (const bundle of ['extension', 'server', 'bibliographyWorker', 'cli', 'browser/extension']) {
      const text = entry(`extension/dist/${bundle}.js`).read().toString('utf8');
      assert.ok(text.length > 0, `dist/${bundle}.js is empty`);
      assert.ok(!text.includes('sourceMappingURL'), `dist/${bundle}.js refers to a source map`);
    }
  });

  it('holds a browser bundle that needs no Node: only `vscode` is required, no worker is started', () => {
    const text = entry('extension/dist/browser/extension.js').read().toString('utf8');
    const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    assert.deepStrictEqual([...required], ['vscode']);
    // A Worker from a remote extension fails in VS Code for the Web (microsoft/vscode#168942): the server runs in-process.
    assert.ok(!/new Worker\(/.test(text), 'the browser bundle creates a Worker');
    assert.ok(text.includes('MessageChannel'), 'the browser bundle starts its server on a MessageChannel');
  });

  it('holds a 128x128 PNG icon', () => {
    const png = entry('extension/images/icon.png').read();
    assert.strictEqual(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('holds the MIT licence', () => {
    const licence = entry('extension/LICENSE.txt').read().toString('utf8');
    assert.match(licence, /^MIT License/);
    assert.match(licence, /Secretome Writer contributors/);
  });

  it('runs its server from the unpacked package alone: initialize, then a hover on TGFβ', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-vsix-'));
    try {
      for (const packaged of entries.filter((e) => e.name.startsWith('extension/') && !e.name.endsWith('/'))) {
        const target = path.join(folder, packaged.name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, packaged.read());
      }
      const { capabilities, hover } = await hoverFromServer(path.join(folder, 'extension', 'dist', 'server.js'));
      assert.ok(capabilities.completionProvider, 'the server offers completion');
      assert.ok(capabilities.hoverProvider, 'the server offers hovers');
      assert.match(hoverText(hover), /transforming growth factor/i);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  function entry(name: string): ZipEntry {
    const found = entries.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`${name} is not in the package`);
    return found;
  }
});

/** Relative images the README shows, as Markdown images or <img src>. */
function readmeImages(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return images.filter((image) => !/^[a-z]+:/i.test(image)).map((image) => path.posix.normalize(image.replace(/^\.\//, '')));
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

/** Starts a server the way an editor does, asks for a hover on TGFβ in a Markdown line, and shuts it down. */
async function hoverFromServer(serverPath: string): Promise<{ capabilities: InitializeResult['capabilities']; hover: Hover | null }> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: os.tmpdir() });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  try {
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///manuscript.md';
    const line = 'TGFβ may induce quiescence.';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: `${line}\n` },
    });
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return { capabilities: initialized.capabilities, hover };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nserver stderr:\n${stderr}`);
  } finally {
    connection.dispose();
    child.kill();
  }
}

/** The walkthrough's step pages (package.json) and the sample manuscript the first step opens. */
function walkthroughFiles(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const steps: { media: { markdown?: string } }[] = manifest.contributes.walkthroughs.flatMap((walkthrough: { steps: unknown[] }) => walkthrough.steps);
  const pages = steps.map((step) => step.media.markdown).filter((page): page is string => Boolean(page));
  return [...pages.map((page) => path.posix.normalize(page)), 'docs/walkthrough/sample.md'];
}
