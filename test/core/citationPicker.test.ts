import * as assert from 'assert';
import { config, documentWithCursor, service } from './support';

function pick(marked: string, languageId = 'markdown') {
  const { document, position } = documentWithCursor(marked, languageId);
  return service().referencesToPick(document, position, config());
}

describe('citation picker', () => {
  it('lists all 54 references, those about the sentence first', () => {
    const items = pick('FGF encourages stem cell proliferation and differentiation |');
    assert.strictEqual(items.length, 54);
    assert.deepStrictEqual(items.slice(0, 3).map((item) => item.number).sort(), [27, 28, 29]);
    assert.strictEqual(items.find((item) => item.number === 45)!.label, '[45] Caseiro et al. 2019, PLoS ONE');
  });

  it('ranks by the sentence at the cursor, not the one before it', () => {
    const items = pick('FGF encourages proliferation [27-29]. Cancer cell secretomes may accelerate tumour growth |');
    assert.ok(items.slice(0, 3).every((item) => item.number! >= 19 && item.number! <= 23), items.slice(0, 3).map((i) => i.number).join());
  });

  const styles: [string, string, string][] = [
    ['markdown', 'Earlier [13] showed. Wounds heal |', '[17]'],
    ['markdown', 'Earlier [@ranganath2012] showed. Wounds heal |', '[@sukmawati2023]'],
    ['latex', 'Wounds heal |', '\\cite{sukmawati2023}'],
    ['plaintext', 'Wounds heal |', '[17]'],
  ];
  for (const [languageId, marked, expected] of styles) {
    it(`inserts ${expected} in ${languageId} written like ${JSON.stringify(marked)}`, () => {
      const item = pick(marked, languageId).find((candidate) => candidate.number === 17)!;
      assert.strictEqual(item.insertText, expected);
    });
  }

  // The cursor right after a word: the citation is set off as the document's own citations are.
  const spacing: [string, string, string][] = [
    ['markdown', 'FGF helps proliferation [27-29]. Secretome speeds up wounds|.', ' [17]'],
    ['markdown', 'FGF helps proliferation[27-29]. Secretome speeds up wounds|.', '[17]'],
    ['markdown', 'Secretome speeds up wounds|.', ' [17]'],
    ['markdown', 'Earlier [@ranganath2012] showed. Wounds heal|', ' [@sukmawati2023]'],
    ['latex', 'FGF helps~\\cite{ranganath2012}. Wounds heal|.', '~\\cite{sukmawati2023}'],
    ['latex', 'FGF helps \\cite{ranganath2012}. Wounds heal|.', ' \\cite{sukmawati2023}'],
    ['plaintext', 'Wounds heal (|', '[17]'],
    ['plaintext', '|', '[17]'],
  ];
  for (const [languageId, marked, expected] of spacing) {
    it(`inserts ${JSON.stringify(expected)} in ${languageId} at ${JSON.stringify(marked)}`, () => {
      const item = pick(marked, languageId).find((candidate) => candidate.number === 17)!;
      assert.strictEqual(item.insertText, expected);
    });
  }
});
