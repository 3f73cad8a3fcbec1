import * as assert from 'assert';
import { createLanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import type { ReferenceSource } from '../../server/src/core/knowledge/model';
import { generateLibrary } from './knowledgeLibrary';
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

describe('citation picker over the whole library', () => {
  const refsBib: ReferenceSource = { kind: 'bibliography', id: 'file:///w/refs.bib', label: 'refs.bib' };
  const withRefsBib = config({ sources: { bibliographyIds: [refsBib.id] } });
  const knowledge = createLanguageService({ dataset: loadBundledDataset() });
  const library = generateLibrary(1000, 7, refsBib);
  library.push({
    source: refsBib,
    key: 'Caseiro2019pone',
    item: {
      id: 'Caseiro2019pone',
      author: [{ family: 'Caseiro', given: 'Ana Rita' }],
      issued: { 'date-parts': [[2019]] },
      title: 'Mesenchymal stem/stromal cells metabolomic and bioactive factors profiles: a comparative analysis on the umbilical cord and dental pulp derived stem/stromal cells secretome',
    },
    location: { uri: refsBib.id, line: 4000, character: 0 },
  });
  knowledge.setBibliography({ source: refsBib, references: library });
  const pickIn = (marked: string, languageId: string, settings = withRefsBib) => {
    const { document, position } = documentWithCursor(marked, languageId);
    return knowledge.referencesToPick(document, position, settings);
  };

  it('in a LaTeX document lists the writer keys and the review keys, at most 200, the linked one once', () => {
    const items = pickIn('Umbilical cord and dental pulp stromal cells secrete distinct metabolomic profiles |', 'latex');
    assert.strictEqual(items.length, 200);
    assert.strictEqual(new Set(items.map((item) => item.key)).size, 200);
    const caseiro = items.find((item) => item.key === 'Caseiro2019pone');
    assert.ok(caseiro, 'the writer entry for the review paper is offered');
    assert.strictEqual(items.indexOf(caseiro), 0, `first was ${items[0].label}`);
    assert.strictEqual(caseiro.insertText, '\\cite{Caseiro2019pone}');
    assert.strictEqual(caseiro.number, 45);
    assert.match(caseiro.description, /^Cited in the review \[44-45\] for/);
    assert.ok(!items.some((item) => item.key === 'caseiro2019'), 'the review key is shadowed');
    // Generated entries carry no location: the description names the file.
    const fromLibrary = items.filter((item) => library.some((reference) => reference.key === item.key) && item.key !== 'Caseiro2019pone');
    assert.ok(fromLibrary.length > 100, `${fromLibrary.length} library entries`);
    for (const item of fromLibrary) assert.strictEqual(item.description, 'refs.bib');
    assert.ok(items.some((item) => item.key === 'sukmawati2023' && item.insertText === '\\cite{sukmawati2023}'), 'review keys too');
  });

  it('in a numeric document lists only numbered references, in the review numbering', () => {
    const items = pickIn('Wounds heal |', 'plaintext');
    assert.strictEqual(items.length, 54);
    assert.ok(items.every((item) => /^\[\d+\]$/.test(item.insertText)), items.map((item) => item.insertText).join(' '));
    assert.strictEqual(items.find((item) => item.number === 45)!.label, '[45] Caseiro et al. 2019, PLoS ONE');
  });

  it('in a manuscript with its own list cites its own numbers', () => {
    const own = ['1. Abe K. Wound healing with stromal cell secretome. J Test. 2001;1:1-9.', '2. Baker M. Bone repair. J Test. 2002;2:1-9.'];
    const text = ['Chronic wounds heal faster |', '', '## References', '', ...own, ''].join('\n');
    const items = pickIn(text, 'markdown', config());
    assert.deepStrictEqual(items.map((item) => item.insertText), ['[1]', '[2]']);
    assert.strictEqual(items[0].label, '[1] Abe 2001, J Test');
    assert.strictEqual(items[0].description, "the manuscript's reference list, entry 1");
  });
});
