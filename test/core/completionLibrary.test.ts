/**
 * Completion over the whole library: the writer's bibliography and the review ranked together by one ranking, and
 * numeric citations in the document's own numbering when it has its own reference list.
 */
import * as assert from 'assert';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import type { CslItem, Reference, ReferenceSource } from '../../server/src/core/knowledge/model';
import { applyEdit, config, documentWithCursor } from './support';

const refsBib: ReferenceSource = { kind: 'bibliography', id: 'file:///w/refs.bib', label: 'refs.bib' };
const withRefsBib = config({ sources: { bibliographyIds: [refsBib.id] } });

function entry(key: string, item: Omit<CslItem, 'id'>, line: number): Reference {
  return { source: refsBib, key, item: { id: key, ...item }, location: { uri: refsBib.id, line, character: 0 } };
}

/** A writer's bibliography as a reader would return it: names decoded from LaTeX (`{Aks{\i}n, {\"O}zge}` → Aksın, Özge). */
const library: Reference[] = [
  entry('smith2021', { author: [{ family: 'Smith', given: 'J.' }], issued: { 'date-parts': [[2021]] }, title: 'Conditioned medium in burns', 'container-title': 'Burns' }, 0),
  entry('aksin', { author: [{ family: 'Aksın', given: 'Özge' }], issued: { 'date-parts': [[2006]] }, title: 'Effect of immersion on the ageing of stromal cells' }, 6),
  entry('turkmen2020', { author: [{ family: 'Türkmen', given: 'Ayşe' }, { family: 'Doe', given: 'J.' }], issued: { 'date-parts': [[2020]] }, title: 'Secretome of adipose stromal cells' }, 12),
  entry('trollebo2018', { author: [{ family: 'Trollebø', given: 'Kari' }], issued: { 'date-parts': [[2018]] }, title: 'Vesicles in fjord fish' }, 18),
  // The review's reference 45, as a reference manager exports it: other key, case and punctuation.
  entry('Caseiro2019pone', {
    author: [{ family: 'Caseiro', given: 'Ana Rita' }, { family: 'Pedrosa', given: 'Sílvia Santos' }],
    issued: { 'date-parts': [[2019]] },
    title: 'Mesenchymal stem/stromal cells metabolomic and bioactive factors profiles - a comparative analysis on the umbilical cord and dental pulp derived stem/stromal cells secretome.',
    'container-title': 'PLoS ONE',
  }, 24),
];

function serviceWithLibrary(): LanguageService {
  const service = createLanguageService({ dataset: loadBundledDataset() });
  service.setBibliography({ source: refsBib, references: library });
  return service;
}

const documentation = (item: CompletionItem) => (item.documentation as { value: string }).value.replace(/\\(.)/g, '$1');

describe('completion over the writer bibliography and the review, one ranking', () => {
  const service = serviceWithLibrary();
  function complete(marked: string, languageId = 'latex', settings = withRefsBib) {
    const { document, position } = documentWithCursor(marked, languageId);
    const list: CompletionList = service.doComplete(document, position, settings);
    return { document, list, labels: list.items.map((item) => String(item.label)) };
  }

  const firstChoice: [string, string, string][] = [
    ['latex', 'Burns heal \\cite{smi|', 'smith2021'],
    ['latex', 'Ageing \\cite{Aks|', 'aksin'],
    ['latex', 'Adipose cells \\cite{Turkmen|', 'turkmen2020'],
    ['latex', 'Adipose cells \\cite{Türkmen|', 'turkmen2020'],
    ['markdown', 'Adipose cells [@turk|', 'turkmen2020'],
    ['latex', 'Fish vesicles \\cite{trollebo|', 'trollebo2018'],
    ['markdown', 'Fish vesicles [@Trollebø|', 'trollebo2018'],
  ];
  for (const [languageId, marked, label] of firstChoice) {
    it(`${marked} → ${label} first`, () => {
      const { list, labels, document } = complete(marked, languageId);
      assert.strictEqual(labels[0], label, `order was ${labels.slice(0, 5).join(', ')}`);
      assert.strictEqual(list.isIncomplete, true);
      const typed = marked.slice(marked.lastIndexOf(languageId === 'latex' ? '{' : '@') + 1, -1);
      assert.ok(list.items[0].filterText!.startsWith(typed), list.items[0].filterText);
      assert.ok(applyEdit(document, list.items[0].textEdit as TextEdit).endsWith(label));
    });
  }

  it('describes a writer entry briefly, with the full entry and where it is defined', () => {
    const item = complete('Adipose cells \\cite{turk|').list.items[0];
    assert.strictEqual(item.detail, 'Türkmen & Doe 2020');
    assert.deepStrictEqual(item.labelDetails, { description: 'Türkmen & Doe 2020' });
    const text = documentation(item);
    assert.match(text, /Türkmen A, Doe J \(2020\) Secretome of adipose stromal cells\./);
    assert.match(text, /From refs\.bib, line 13/);
    assert.doesNotMatch(text, /Cited in the review/, 'a paper the review does not cite has none of its evidence');
  });

  it("the writer's entry for the review's Caseiro 2019 paper appears once, with the review's evidence", () => {
    const { list, labels } = complete('Profiles differ \\cite{cas|');
    assert.strictEqual(labels[0], 'Caseiro2019pone', `order was ${labels.slice(0, 5).join(', ')}`);
    assert.ok(!labels.includes('caseiro2019'), 'the review key is shadowed by the writer entry');
    const text = documentation(list.items[0]);
    assert.match(text, /Cited in the review \[44-45\] for the challenge of extracting and purifying bioactive molecules/);
    assert.match(text, /From refs\.bib, line 25/);
  });

  it('an empty key citation offers the writer keys and the review keys together, each once', () => {
    const { labels } = complete('See [@|', 'markdown', config({ sources: { bibliographyIds: [refsBib.id] }, completion: { maxItems: 100 } }));
    assert.strictEqual(labels.length, 54 + library.length - 1);
    assert.strictEqual(new Set(labels).size, labels.length);
    for (const reference of library) assert.ok(labels.includes(reference.key), reference.key);
  });

  it('words after @ search the library: "[@smith 2021" → smith2021, replacing the words with the key', () => {
    const { list, labels, document } = complete('Burns heal [@smith 2021|', 'markdown');
    assert.strictEqual(labels[0], 'smith2021', `order was ${labels.slice(0, 5).join(', ')}`);
    assert.strictEqual(applyEdit(document, list.items[0].textEdit as TextEdit), 'Burns heal [@smith2021');
    assert.ok(list.items[0].filterText!.startsWith('smith 2021'));
    assert.strictEqual(complete('Burns heal \\cite{conditioned burns|').labels[0], 'smith2021');
  });

  it('a known key followed by words is a locator, and a bare @key followed by words is prose: nothing offered', () => {
    for (const [languageId, marked] of [['markdown', 'Burns heal [@smith2021 p. 3|'], ['markdown', 'As @smith 2021|'], ['latex', 'See \\cite{caseiro2019 x|']]) {
      const { list } = complete(marked, languageId);
      assert.ok(!list.items.some((item) => item.kind === 18), `${marked}: ${list.items.map((item) => item.label)}`);
    }
  });

  it('leaves out keys already in the citation', () => {
    const { labels } = complete('See \\cite{smith2021, s|');
    assert.ok(labels.length > 0);
    assert.ok(!labels.includes('smith2021'));
  });

  it('a numeric citation in the review numbering offers the review numbers, the linked one included', () => {
    const { labels } = complete('Profiles differ between sources [4|', 'markdown');
    assert.deepStrictEqual([...labels].sort(), ['4', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49']);
    assert.strictEqual(complete('Profiles differ between sources [Caseiro|', 'markdown').labels[0], '45');
    assert.ok(!complete('Burns heal [Smith|', 'markdown').labels.includes('smith2021'), 'no key in a numeric citation');
  });

  it('without the bibliography in the document scope, its keys are not offered', () => {
    const { labels } = complete('Burns heal \\cite{smi|', 'latex', config());
    assert.ok(!labels.includes('smith2021'), labels.join(' '));
  });
});

describe('completion in a manuscript with its own numbered reference list', () => {
  const service = createLanguageService({ dataset: loadBundledDataset() });
  const families = ['Abe', 'Baker', 'Caseiro', 'Dahl', 'Evans', 'Fischer', 'Garcia', 'Hansen'];
  const ownList = Array.from(
    { length: 120 },
    (_, at) => `${at + 1}. ${families[at % families.length]} K, Lee M. Own paper number ${at + 1} on stromal cells. J Test. ${1990 + (at % 30)};${at + 1}:1-9.`,
  );
  const manuscript = (cursorLine: string) => ['# Draft', '', cursorLine, '', '## References', '', ...ownList, ''].join('\n');
  function complete(cursorLine: string, settings = config({ completion: { maxItems: 200 } })) {
    const { document, position } = documentWithCursor(manuscript(cursorLine), 'markdown');
    const list = service.doComplete(document, position, settings);
    return { list, labels: list.items.map((item) => String(item.label)) };
  }

  it('"[" offers its own entries 1..120, not the review\'s', () => {
    const { list, labels } = complete('Stromal cells differ [|');
    assert.deepStrictEqual([...labels].map(Number).sort((a, b) => a - b), Array.from({ length: 120 }, (_, at) => at + 1));
    assert.match(documentation(list.items.find((item) => item.label === '7')!), /Own paper number 7 on stromal cells/);
    assert.match(documentation(list.items.find((item) => item.label === '7')!), /From the manuscript's reference list, entry 7/);
  });

  it('"[" with the default limit offers the first of them and keeps the list open', () => {
    const { list } = complete('Stromal cells differ [|', config());
    assert.strictEqual(list.items.length, 54);
    assert.strictEqual(list.isIncomplete, true);
  });

  it('"[9" offers 9 and 90–99', () => {
    const { labels } = complete('Stromal cells differ [9|');
    assert.deepStrictEqual([...labels].sort(), ['9', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99']);
  });

  it('a range end and cited numbers count in the own numbering', () => {
    assert.deepStrictEqual([...complete('Stromal cells differ [110-11|').labels].sort(), ['111', '112', '113', '114', '115', '116', '117', '118', '119']);
    const { labels } = complete('Stromal cells differ [3, 5, |');
    assert.strictEqual(labels.length, 118);
    assert.ok(!labels.includes('3') && !labels.includes('5'));
  });

  it('a text query searches the own entries and inserts their numbers', () => {
    const { labels } = complete('Stromal cells differ [Fischer|');
    assert.deepStrictEqual([...labels].map(Number).sort((a, b) => a - b), Array.from({ length: 15 }, (_, at) => 6 + at * 8));
  });

  it('four digits are a year, searched in the own entries', () => {
    const { labels } = complete('Stromal cells differ [2019|');
    assert.deepStrictEqual([...labels].map(Number).sort((a, b) => a - b), [30, 60, 90, 120]);
  });
});

describe('completion without an own list keeps the review numbering', () => {
  it('"[" offers the review\'s 54', () => {
    const service = serviceWithLibrary();
    const { document, position } = documentWithCursor('Stromal cells differ [|');
    const labels = service.doComplete(document, position, withRefsBib).items.map((item) => Number(item.label));
    assert.deepStrictEqual([...labels].sort((a, b) => a - b), Array.from({ length: 54 }, (_, at) => at + 1));
  });
});
