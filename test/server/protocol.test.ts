/** Protocol tests: the bundled server, started as an editor starts it, answering over stdio. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Hover } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';
import { loadFixture } from './fixtures';

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents as { value: string };
  return contents.value.replace(/\\(.)/g, '$1');
}

describe('protocol: completion and hover over stdio', function () {
  let client: LspClient;
  const markdown = loadFixture('protocol/draft.md');
  const latex = loadFixture('protocol/draft.tex');
  const plaintext = loadFixture('protocol/notes.txt');

  before(async () => {
    client = await startClient();
    await client.open(markdown.uri, 'markdown', markdown.text);
    await client.open(latex.uri, 'latex', latex.text);
    await client.open(plaintext.uri, 'plaintext', plaintext.text);
  });
  after(() => client.stop());

  it('[Caseiro offers reference 45 first, replacing the query', async () => {
    const items = await client.completion(markdown.uri, markdown.at('caseiro'));
    assert.strictEqual(items[0]?.label, '45', `labels: ${items.map((item) => item.label).slice(0, 5)}`);
    assert.strictEqual(items[0].detail, 'Caseiro et al. 2019, PLoS ONE');
    const edit = items[0].textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
    assert.strictEqual(edit.newText, '45');
    assert.strictEqual(edit.range.end.character - edit.range.start.character, 'Caseiro'.length);
  });

  it('an empty citation in a sentence about skin wounds ranks wound-healing references first', async () => {
    const items = await client.completion(markdown.uri, markdown.at('wound'));
    assert.strictEqual(items.length, 54);
    assert.ok(['17', '28'].includes(String(items[0].label)), `first was ${items[0].label}`);
  });

  it('offers nothing inside a code block', async () => {
    assert.deepStrictEqual(await client.completion(markdown.uri, markdown.at('code')), []);
  });

  it('completes a factor name with its canonical form', async () => {
    const position = markdown.at('exo');
    const items = await client.completion(markdown.uri, position);
    assert.strictEqual(items[0]?.label, 'exosomes');
  });

  it('hovering TGFβ explains transforming growth factor β with its references', async () => {
    const text = hoverText(await client.hover(markdown.uri, markdown.at('tgf')));
    assert.match(text, /transforming growth factor/i);
    assert.match(text, /\[30\]/);
    assert.match(text, /\[31\]/);
  });

  it('hovering [27-29] shows the three references in full', async () => {
    const hover = await client.hover(markdown.uri, markdown.at('range'));
    const text = hoverText(hover);
    for (const author of ['Fadilah NIMD, Abdul Kader Jailani MSM', 'Jayaraman P, Nathan P', 'Mintz PJ, Huang K-W']) {
      assert.ok(text.includes(author), `${author} missing from:\n${text}`);
    }
    assert.deepStrictEqual(hover!.range, {
      start: { line: markdown.at('range').line, character: markdown.at('range').character - 4 },
      end: { line: markdown.at('range').line, character: markdown.at('range').character + 3 },
    });
  });

  it('hovering a number outside 1..54 says it is not a reference', async () => {
    assert.match(hoverText(await client.hover(markdown.uri, markdown.at('unknown'))), /\[55\]\*\* is not a reference/);
  });

  it('hovering an absurd range reports it without expanding it', async () => {
    assert.match(hoverText(await client.hover(markdown.uri, markdown.at('absurd'))), /99,999,999/);
  });

  it('LaTeX: \\citep{cas completes keys', async () => {
    const items = await client.completion(latex.uri, latex.at('cite'));
    assert.strictEqual(items[0]?.label, 'caseiro2019');
  });

  it('LaTeX: hovering TGF-$\\beta$ explains the factor; an unknown key says so', async () => {
    assert.match(hoverText(await client.hover(latex.uri, latex.at('tgf'))), /transforming growth factor/i);
    assert.match(hoverText(await client.hover(latex.uri, latex.at('nobody'))), /nobody1999` is not the key/);
  });

  it('plain text: hover and completion work', async () => {
    assert.match(hoverText(await client.hover(plaintext.uri, plaintext.at('pge'))), /prostaglandin E2/i);
    const items = await client.completion(plaintext.uri, plaintext.at('liu'));
    assert.strictEqual(items[0]?.label, '14');
  });

  it('the citation picker request ranks the references for the sentence at the cursor', async () => {
    const items = (await client.connection.sendRequest('secretome/referencesToPick', {
      textDocument: { uri: markdown.uri },
      position: markdown.at('wound'),
    })) as { number: number; insertText: string; label: string }[];
    assert.strictEqual(items.length, 54);
    assert.ok([17, 28].includes(items[0].number), `first was ${items[0].label}`);
    assert.strictEqual(items.find((item) => item.number === 45)?.insertText, '[45]');
  });

  it('hovering each of [1]…[54] shows that reference as the review prints it', async () => {
    const uri = 'file:///every-reference.md';
    const lines = Array.from({ length: 54 }, (_, index) => `Reference [${index + 1}] here.`);
    await client.open(uri, 'markdown', lines.join('\n'));
    const printed = fs
      .readFileSync(path.join(__dirname, '../fixtures/review-references.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('- ['));
    for (let index = 0; index < 54; index++) {
      const text = hoverText(await client.hover(uri, { line: index, character: 'Reference ['.length }));
      const match = /^- \[(\d+)\]\. (.+?) ?\((\d{4})\)/.exec(printed[index])!;
      assert.strictEqual(Number(match[1]), index + 1);
      const italics = [...printed[index].matchAll(/\*([^*]+)\*/g)].map((m) => m[1]);
      const journal = italics[italics.length - 1].replace(/\.$/, '');
      assert.ok(text.includes(`**[${index + 1}]** ${match[2].trim()} (${match[3]})`), `[${index + 1}] authors/year:\n${text}`);
      assert.ok(text.includes(journal), `[${index + 1}] journal ${journal}:\n${text}`);
    }
  });
});

describe('protocol: bad input', function () {
  let client: LspClient;
  before(async () => {
    client = await startClient({ completion: { maxItems: 'many' }, lint: { languages: 42 } });
  });
  after(() => client.stop());

  it('survives binary garbage, a 5 MB line and unclosed brackets, and keeps answering', async () => {
    const garbage = Buffer.from(Array.from({ length: 20000 }, (_, index) => (index * 7919) % 256)).toString('latin1');
    await client.open('file:///garbage.txt', 'plaintext', garbage);
    const huge = 'secretome [1, '.repeat(400_000) + ' TGFβ';
    await client.open('file:///huge.md', 'markdown', huge);
    await client.open('file:///brackets.tex', 'latex', '\\cite{'.repeat(10000) + '[[[[' + '$'.repeat(999));
    await client.open('file:///empty.md', 'markdown', '');

    assert.ok(Array.isArray(await client.completion('file:///garbage.txt', { line: 0, character: 5 })));
    const items = await client.completion('file:///huge.md', { line: 0, character: 14 });
    assert.ok(items.length > 0);
    assert.ok(Array.isArray(await client.completion('file:///brackets.tex', { line: 0, character: 60000 })));
    assert.strictEqual(await client.hover('file:///empty.md', { line: 0, character: 0 }), null);
    const text = hoverText(await client.hover('file:///huge.md', { line: 0, character: huge.length - 2 }));
    assert.match(text, /transforming growth factor/i);
    assert.strictEqual(client.process.exitCode, null, client.stderr());
  });

  it('settings of the wrong type fall back to defaults', async () => {
    await client.open('file:///settings.md', 'markdown', 'See [Caseiro');
    const items = await client.completion('file:///settings.md', { line: 0, character: 12 });
    assert.strictEqual(items[0]?.label, '45');
  });
});
