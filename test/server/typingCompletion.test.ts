/**
 * Protocol test of completion while typing: the bundled server gets one didChange per key, as VS Code sends them, and
 * is asked for completion after each. VS Code asks again as the query grows only if the last answer was incomplete,
 * so every answer must be a list it keeps open: items to show, and isIncomplete while more typing can change them.
 */
import * as assert from 'assert';
import { startClient, type LspClient } from './lspClient';

const sentence = 'Cord and pulp stromal cells secrete distinct metabolomic profiles ';

describe('protocol: completion at every key while typing a citation', function () {
  let client: LspClient;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  /** Types `typed` after `prefix` key by key; returns what the server answered at each key. */
  async function typeKeyByKey(uri: string, languageId: string, prefix: string, typed: string) {
    await client.open(uri, languageId, prefix);
    const answers: { text: string; isIncomplete: boolean; labels: string[] }[] = [];
    for (let length = 1; length <= typed.length; length++) {
      const text = prefix + typed.slice(0, length);
      await client.change(uri, length + 1, text);
      const list = await client.completionList(uri, { line: 0, character: text.length });
      answers.push({ text: typed.slice(0, length), isIncomplete: list.isIncomplete, labels: list.items.map((item) => String(item.label)) });
    }
    await client.close(uri);
    return answers;
  }

  for (const [extension, languageId] of [['md', 'markdown'], ['tex', 'latex'], ['txt', 'plaintext']]) {
    it(`${languageId}: "[Caseiro" keeps an open, non-empty list at every key, with 45 first from "[Cas" on`, async () => {
      const answers = await typeKeyByKey(`file:///typing.${extension}`, languageId, sentence, '[Caseiro');
      for (const answer of answers) {
        assert.ok(answer.labels.length > 0 && answer.isIncomplete, `at ${answer.text}: ${answer.labels.length} items, isIncomplete ${answer.isIncomplete}`);
        if (answer.text.length >= '[Cas'.length) assert.strictEqual(answer.labels[0], '45', `at ${answer.text}: ${answer.labels.slice(0, 5)}`);
      }
      assert.ok(answers[1].labels.length >= 5, `"[C" offered only ${answers[1].labels}`);
    });
  }

  it('latex: "\\cite{caseiro" keeps the list open at every key, with caseiro2019 first from "\\cite{cas" on', async () => {
    const answers = await typeKeyByKey('file:///typing-cite.tex', 'latex', 'Profiles differ between sources ', '\\cite{caseiro');
    for (const answer of answers) {
      assert.ok(answer.labels.length > 0 || answer.isIncomplete, `at ${answer.text}: complete and empty, the list would close`);
      if (answer.text.includes('{')) assert.ok(answer.labels.length > 0 && answer.isIncomplete, `at ${answer.text}`);
      if (answer.text.length >= '\\cite{cas'.length) assert.strictEqual(answer.labels[0], 'caseiro2019', `at ${answer.text}: ${answer.labels.slice(0, 5)}`);
    }
  });

  it('markdown: "tgf" in prose keeps the list open at "t" and "tg" and offers TGF-β at "tgf"', async () => {
    const answers = await typeKeyByKey('file:///typing-term.md', 'markdown', 'Signalling through ', 'tgf');
    assert.deepStrictEqual(answers.map((answer) => answer.isIncomplete), [true, true, true]);
    assert.strictEqual(answers[2].labels[0], 'TGF-β');
  });
});
