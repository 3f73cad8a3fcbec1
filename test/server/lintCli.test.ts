/**
 * The command-line linter: the bundled dist/cli.js run as a user runs it, and runCli in-process for the edge cases.
 * Its SARIF is validated against the subset of the SARIF 2.1.0 schema it writes (test/fixtures/lint).
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { runCli, type CliIo } from '../../server/src/cli';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const draft = 'test/fixtures/lint/sample-draft.md';

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { region: object } }> }>;
  }>;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the linter in a fresh temporary folder holding `files` (by path from it), on the real, safe file system. */
async function inProcess(args: string[], files: Record<string, string> = {}, prepare?: (folder: string) => void) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-cli-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), text);
    }
    prepare?.(folder);
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      cwd: folder,
      fileSystem: (scope) => new NodeFileSystem(scope),
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describe('secretome-lint (dist/cli.js)', () => {
  it('prints file:line:col severity code message, one per diagnostic, and exits 1 on errors', () => {
    const { code, stdout } = run(draft);
    const lines = stdout.trim().split('\n');
    for (const line of lines) assert.match(line, /^test\/fixtures\/lint\/sample-draft\.md:\d+:\d+ (error|warning|info|hint) [a-z-]+ .+/);
    assert.deepStrictEqual(
      lines.map((line) => line.split(' ').slice(0, 3).join(' ')),
      [
        `${draft}:7:62 warning unsupported-claim`,
        `${draft}:8:1 warning contradicted-claim`,
        `${draft}:8:46 warning citation-mismatch`,
        `${draft}:8:139 warning overstated-claim`,
        `${draft}:10:1 info noncanonical-term`,
        `${draft}:10:27 info noncanonical-term`,
        `${draft}:10:94 error unknown-citation`,
        `${draft}:10:103 error malformed-citation`,
      ],
    );
    assert.strictEqual(code, 1);
  });

  it('--format json lists each file with its diagnostics', () => {
    const { code, stdout } = run('--format', 'json', draft);
    const report = JSON.parse(stdout);
    assert.strictEqual(code, 1);
    assert.strictEqual(report.files[0].file, draft);
    assert.strictEqual(report.files[0].language, 'markdown');
    assert.strictEqual(report.files[0].diagnostics.length, 8);
    assert.deepStrictEqual(Object.keys(report.files[0].diagnostics[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'related', 'severity']);
    assert.deepStrictEqual(report.errors, []);
  });

  it('--format sarif is valid SARIF 2.1.0 with a result per diagnostic', () => {
    const { stdout } = run('--format', 'sarif', draft);
    const sarif = JSON.parse(stdout) as SarifLog;
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/lint/sarif-2.1.0-minimal.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(JSON.parse(stdout));
    assert.ok(valid, JSON.stringify(validate.errors));
    const results = sarif.runs[0].results;
    assert.strictEqual(results.length, 8);
    const rules = sarif.runs[0].tool.driver.rules;
    for (const result of results) assert.strictEqual(rules[result.ruleIndex].id, result.ruleId);
    assert.deepStrictEqual(results[0].locations[0].physicalLocation.region, { startLine: 7, startColumn: 62, endLine: 7, endColumn: 113 });
    assert.strictEqual(results.find((r) => r.ruleId === 'noncanonical-term')?.level, 'note');
  });

  it('exits 0 on a clean file and 2 on a missing one, still linting the others', async () => {
    const clean = path.join(os.tmpdir(), `secretome-clean-${process.pid}.md`);
    fs.writeFileSync(clean, 'FGF encourages the proliferation of stem cells [27].\n');
    try {
      assert.deepStrictEqual(run(clean), { code: 0, stdout: '', stderr: '' });
      const mixed = run('no/such/file.md', draft);
      assert.strictEqual(mixed.code, 2);
      assert.match(mixed.stderr, /^secretome-lint: no\/such\/file\.md does not exist$/m);
      assert.strictEqual(mixed.stdout.trim().split('\n').length, 8);
    } finally {
      fs.unlinkSync(clean);
    }
  });
});

describe('secretome-lint (dist/cli.js): unsafe bibliography names', () => {
  it('a FIFO named as a bibliography neither hangs the linter nor is read, and the run ends', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-cli-fifo-'));
    try {
      execFileSync('mkfifo', [path.join(folder, 'refs.bib')]);
      fs.writeFileSync(path.join(folder, 'a.md'), '---\nbibliography: refs.bib\n---\n\nSee [@nobody1999].\n');
      const result = spawnSync(process.execPath, [cli, 'a.md'], { cwd: folder, encoding: 'utf8', timeout: 15000 });
      assert.strictEqual(result.signal, null, 'the linter finished by itself');
      assert.strictEqual(result.status, 1);
      assert.match(result.stderr, /^secretome-lint: note: a\.md:2:15: Bibliography not read: refs\.bib is not a regular file/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('secretome-lint: arguments and inputs (in process)', () => {
  it('usage errors exit 2 with a message', async () => {
    for (const args of [[], ['--format', 'xml', 'a.md'], ['--disable', 'no-such-rule', 'a.md'], ['--bogus', 'a.md'], ['--max-diagnostics', '0', 'a.md']]) {
      const result = (await inProcess(args));
      assert.strictEqual(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^secretome-lint: .+\nUsage:/);
    }
  });

  it('--help prints usage and exits 0', async () => {
    const result = (await inProcess(['--help']));
    assert.strictEqual(result.code, 0);
    assert.match(result.stdout, /^Usage: secretome-lint/);
  });

  it('reads the language from the extension', async () => {
    const text = 'The secretome accelerates wound healing \\cite{nobody1999}.';
    assert.match((await inProcess(['a.tex'], { 'a.tex': text })).stdout, /^a\.tex:1:47 error unknown-citation/);
    assert.match((await inProcess(['a.txt'], { 'a.txt': text })).stdout, /^a\.txt:1:1 warning unsupported-claim /, 'plain text has no \\cite');
  });

  it('--disable turns a rule off', async () => {
    const files = { 'a.md': 'Earlier work cited [55].' };
    assert.strictEqual((await inProcess(['a.md'], files)).code, 1);
    assert.deepStrictEqual((await inProcess(['--disable', 'unknown-citation', 'a.md'], files)), { code: 0, stdout: '', stderr: '' });
  });

  it('skips a binary file with a clear message and exit 2', async () => {
    const result = (await inProcess(['blob.md', 'a.md'], { 'blob.md': 'PK\u0003\u0004\u0000\u0000binary', 'a.md': 'Earlier work cited [55].' }));
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /blob\.md looks like a binary file/);
    assert.match(result.stdout, /^a\.md:1:21 error unknown-citation/);
  });

  const bib = '@article{nobody1999,\n  title = {A paper the review does not cite},\n  year = {1999}\n}\n';
  const latex = 'The secretome accelerates wound healing \\cite{nobody1999}.';

  it('--bib makes the keys of a BibTeX file known', async () => {
    assert.strictEqual((await inProcess(['a.tex'], { 'a.tex': latex })).code, 1);
    assert.deepStrictEqual((await inProcess(['--bib', 'refs.bib', 'a.tex'], { 'a.tex': latex, 'refs.bib': bib })), { code: 0, stdout: '', stderr: '' });
  });

  it('reads the bibliographies a manuscript names, relative to it', async () => {
    const files = { 'thesis/a.tex': `${latex}\n\\bibliography{refs}`, 'thesis/refs.bib': bib };
    assert.deepStrictEqual((await inProcess(['thesis/a.tex'], files)), { code: 0, stdout: '', stderr: '' });
    const markdown = '---\ntitle: Draft\nbibliography: refs.bib\n---\n\nThe secretome accelerates wound healing [@nobody1999].\n';
    assert.deepStrictEqual((await inProcess(['a.md'], { 'a.md': markdown, 'refs.bib': bib })), { code: 0, stdout: '', stderr: '' });
    const listed = markdown.replace('bibliography: refs.bib', 'bibliography:\n  - refs.bib');
    assert.strictEqual((await inProcess(['a.md'], { 'a.md': listed, 'refs.bib': bib })).code, 0);
  });

  it('a missing named bibliography is a note; an unreadable --bib is an error', async () => {
    const missing = (await inProcess(['a.tex'], { 'a.tex': `${latex}\n\\addbibresource{gone.bib}` }));
    assert.strictEqual(missing.code, 1, 'the key is still unknown');
    assert.strictEqual(missing.stderr, 'secretome-lint: note: a.tex:2:17: Bibliography not read: gone.bib does not exist\n');
    const broken = (await inProcess(['--bib', 'broken.bib', 'a.tex'], { 'a.tex': latex, 'broken.bib': '@article{x, title={unclosed' }));
    assert.strictEqual(broken.code, 2);
    assert.match(broken.stderr, /cannot parse bibliography broken\.bib/);
    assert.match(broken.stdout, /unknown-citation/, 'the manuscript is still linted');
  });

  it('never reads a bibliography outside the folders it was given: one note at the command, no content', async () => {
    const text = `${latex}\n\\addbibresource{../../../../etc/passwd}\n\\bibliography{../outside}\n`;
    const result = await inProcess(['paper/a.tex'], { 'paper/a.tex': text, 'outside.bib': bib.replace('nobody1999', 'elsewhere') }, (folder) =>
      fs.symlinkSync('/etc/passwd', path.join(folder, 'paper', 'link.bib')),
    );
    const notes = result.stderr.trim().split('\n');
    assert.strictEqual(notes.length, 1, result.stderr);
    assert.match(notes[0], /^secretome-lint: note: paper\/a\.tex:2:17: Bibliography not read: \/etc\/passwd is outside the current folder and the manuscripts' folders; Secretome Writer reads only files inside them \(or given with --bib\)$/);
    assert.match(result.stdout, /unknown-citation/);
    assert.doesNotMatch(result.stdout + result.stderr, /root:/, 'nothing of /etc/passwd is shown');
    const linked = await inProcess(['a.tex'], { 'a.tex': `${latex}\n\\addbibresource{link.bib}\n` }, (folder) =>
      fs.symlinkSync('/etc/passwd', path.join(folder, 'link.bib')),
    );
    assert.match(linked.stderr, /^secretome-lint: note: a\.tex:2:17: Bibliography not read: link\.bib \(it leads to \/etc\/passwd\) is outside the current folder and the manuscripts' folders/);
  });

  it('refuses a FIFO, /dev/zero and /proc/self/fd/0 as bibliographies without hanging', async () => {
    const text = `${latex}\n\\addbibresource{pipe.bib}\n\\addbibresource{/dev/zero}\n\\addbibresource{/proc/self/fd/0}\n`;
    const result = await inProcess(['a.tex'], { 'a.tex': text }, (folder) => execFileSync('mkfifo', [path.join(folder, 'pipe.bib')]));
    const notes = result.stderr.trim().split('\n');
    assert.deepStrictEqual(
      notes.map((note) => /a\.tex:(\d+):\d+: Bibliography not read: (\S+) is (not a regular file|outside)/.exec(note)?.slice(1)),
      [['2', 'pipe.bib', 'not a regular file'], ['3', '/dev/zero', 'outside'], ['4', '/proc/self/fd/0', 'outside']],
      result.stderr,
    );
    assert.strictEqual(result.code, 1, 'the manuscript is still linted');
    const fifoManuscript = await inProcess(['pipe.md'], {}, (folder) => execFileSync('mkfifo', [path.join(folder, 'pipe.md')]));
    assert.strictEqual(fifoManuscript.code, 2);
    assert.match(fifoManuscript.stderr, /pipe\.md is not a regular file/);
  });

  it('reads the bibliographies of a LaTeX root for its chapter, and Manubot manual references', async () => {
    const root = '\\documentclass{book}\n\\begin{document}\n\\include{chapters/one}\n\\bibliography{refs}\n\\end{document}\n';
    const files = { 'main.tex': root, 'refs.bib': bib, 'chapters/one.tex': latex };
    assert.deepStrictEqual(await inProcess(['chapters/one.tex'], files), { code: 0, stdout: '', stderr: '' });
    const manubot = {
      'content/01.intro.md': 'The secretome accelerates wound healing [@nobody1999].\n',
      'content/metadata.yaml': 'title: A review\n',
      'content/manual-references.json': JSON.stringify([{ id: 'nobody1999', type: 'article-journal', title: 'A paper', issued: { 'date-parts': [[1999]] } }]),
    };
    assert.deepStrictEqual(await inProcess(['content/01.intro.md'], manubot), { code: 0, stdout: '', stderr: '' });
  });

  it('--max-diagnostics caps each file', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `Earlier work cited [${60 + i}].`).join('\n\n');
    const lines = (await inProcess(['--max-diagnostics', '5', 'a.md'], { 'a.md': text })).stdout.trim().split('\n');
    assert.strictEqual(lines.length, 6);
    assert.match(lines[5], /too-many-diagnostics/);
  });
});
