/**
 * Bad inputs (test/support/badInputs.ts) against the bundled server and CLI: the server answers every request on each
 * in time, logs no failed handler and still answers a small document correctly afterwards; the CLI lints them all in
 * one run and exits with its own messages. An input found to break something belongs in test/fixtures/regressions/.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startClient, type LspClient } from './lspClient';
import { badInputs, languageIdOf, type BadInput } from '../support/badInputs';
import { fuzzSettings } from '../support/fuzzEdits';
import { assertCliCopes, assertServerAnswers, watchErrors, writeInput } from './robustness';

describe('fuzz: bad inputs against the server and the CLI', function () {
  this.timeout(120000);
  const settings = fuzzSettings(20261203);
  const inputs = badInputs(settings.seed);
  let root: string;
  let client: LspClient;
  let errors: () => string[];
  const folderOf = (index: number) => path.join(root, `input-${index + 1}`);

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-bad-'));
    inputs.forEach((input, index) => writeInput(folderOf(index), input));
    client = await startClient({}, root);
    errors = watchErrors(client);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  inputs.forEach((input: BadInput, index) => {
    it(`the server answers on ${input.name}`, async () => {
      await assertServerAnswers(client, errors, path.join(folderOf(index), input.file), languageIdOf(input.file), input.text, `${input.name} (seed ${settings.seed})`);
    });
  });

  it('the server still answers a small document correctly after them all', async () => {
    const uri = pathToFileURL(path.join(root, 'after.md')).href;
    const published = client.nextDiagnostics(uri);
    const text = 'Exosomes heal wounds [99].\n';
    await client.open(uri, 'markdown', text);
    const diagnostics = await published;
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, text.slice(diagnostic.range.start.character, diagnostic.range.end.character)]),
      [['unknown-citation', '99']],
    );
  });

  it('the CLI lints them all with its own messages and exit code, and reports each readable text', () => {
    const files = inputs.map((input, index) => path.relative(root, path.join(folderOf(index), input.file)));
    const run = assertCliCopes(root, files);
    const reported = (JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((report) => report.file);
    // The binary files are refused by name; every other file gets a report.
    const binary = files.filter((_, index) => inputs[index].bytes || inputs[index].text.includes('\u0000'));
    assert.deepStrictEqual(reported, files.filter((file) => !binary.includes(file)));
    for (const file of binary) assert.match(run.stderr, new RegExp(`secretome-lint: ${file.replace(/[.\\]/g, '\\$&')} looks like a binary file`));
    assert.strictEqual(run.status, 2, 'a refused file makes the exit code 2');
  });
});
