import * as assert from 'assert';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdit, config, documentWithCursor, service } from './support';

function complete(marked: string, languageId = 'markdown', settings = config()) {
  const { document, position } = documentWithCursor(marked, languageId);
  const list = service().doComplete(document, position, settings);
  return { document, list, labels: list.items.map((item) => item.label) };
}

function accept(marked: string, item: CompletionItem, languageId = 'markdown'): string {
  const { document } = documentWithCursor(marked, languageId);
  return applyEdit(document, item.textEdit as TextEdit);
}

describe('completion: references in numeric citations', () => {
  const firstChoice: [string, string, string][] = [
    // [text with cursor, expected first label, expected text after accepting it]
    ['Profiles differ between sources [Caseiro|', '45', 'Profiles differ between sources [45'],
    ['Profiles differ between sources [Casiero|', '45', 'Profiles differ between sources [45'],
    ['Cardiac repair [Ranganath|', '13', 'Cardiac repair [13'],
    ['Renal fibrosis fell [Liu|', '14', 'Renal fibrosis fell [14'],
    ['The prostasome work [Poliakov|', '35', 'The prostasome work [35'],
    ['Regulation is unclear [FDA regulatory|', '49', 'Regulation is unclear [49'],
  ];
  for (const [marked, label, accepted] of firstChoice) {
    it(`${marked} → ${label} first`, () => {
      const { list, labels } = complete(marked);
      assert.ok(labels.length > 0, 'no items');
      assert.strictEqual(labels[0], label, `order was ${labels.slice(0, 5).join(', ')}`);
      assert.strictEqual(accept(marked, list.items[0]), accepted);
    });
  }

  it('keeps the server order through sortText and filterText that start with the query', () => {
    const { list } = complete('A sentence [Caseiro|');
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepStrictEqual(sorted.map((item) => item.label), list.items.map((item) => item.label));
    for (const item of list.items) assert.ok(item.filterText!.startsWith('Caseiro'), item.filterText);
    assert.strictEqual(list.isIncomplete, true);
  });

  it('ranks the wound-healing references first in a sentence about chronic skin wounds', () => {
    const { labels } = complete('Secretome gels helped heal chronic skin wounds such as diabetic ulcers [|');
    assert.strictEqual(labels.length, 54);
    // The review cites [11-18] for the skin: that group first, the skin-wound trial 17 leading it; then the skin-wound
    // paper of another group (28, cited for conditioned medium) first among the rest.
    assert.strictEqual(labels[0], '17');
    assert.deepStrictEqual(labels.slice(0, 8).map(Number).sort((a, b) => a - b), [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.strictEqual(labels[8], '28');
  });

  it('ranks the FGF references first in a sentence about FGF and proliferation', () => {
    const { labels } = complete('FGF encourages stem cell proliferation and differentiation [|');
    assert.deepStrictEqual(labels.slice(0, 3).sort(), ['27', '28', '29']);
  });

  it('ranks the cancer references first in a sentence about tumour growth', () => {
    const { labels } = complete('Secretomes of cancer cells may stimulate tumor growth and metastasis [|');
    const top = labels.slice(0, 5).map(Number);
    assert.ok(top.every((n) => n >= 19 && n <= 23), `top five were ${top}`);
  });

  it('leaves out references already in the list', () => {
    const { labels } = complete('Growth factors [13, 27-29, |');
    assert.ok(labels.length > 0);
    for (const cited of ['13', '27', '28', '29']) assert.ok(!labels.includes(cited), `${cited} offered again`);
  });

  it('offers only larger numbers after a dash, replacing what is typed after it', () => {
    const { list, labels, document } = complete('Therapeutic potential [11-1|');
    assert.deepStrictEqual([...labels].sort(), ['12', '13', '14', '15', '16', '17', '18', '19']);
    const edit = list.items.find((item) => item.label === '18')!.textEdit as TextEdit;
    assert.strictEqual(applyEdit(document, edit), 'Therapeutic potential [11-18');
  });

  it('filters by number prefix', () => {
    const { labels } = complete('See [4|');
    assert.deepStrictEqual([...labels].sort(), ['4', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49']);
  });

  it('reads a four-digit query as a year', () => {
    const { list } = complete('See [2006|');
    assert.strictEqual(list.items[0].label, '33');
  });

  it('describes each item briefly, with the full reference as documentation', () => {
    const { list } = complete('See [Caseiro|');
    const item = list.items[0];
    assert.strictEqual(item.detail, 'Caseiro et al. 2019, PLoS ONE');
    const documentation = (item.documentation as { value: string }).value;
    assert.match(documentation, /Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al \(2019\)/);
    assert.match(documentation, /PLoS ONE/);
  });

  const noCitation = [
    '![an image|',
    'A footnote[^|',
    'Plain text with no bracket|',
    '- [x|',
    '```\n[Caseiro|\n```',
  ];
  for (const marked of noCitation) {
    it(`offers no reference in ${JSON.stringify(marked)}`, () => {
      const { list } = complete(marked);
      assert.ok(!list.items.some((item) => item.kind === 18), list.items.map((item) => item.label).join(' '));
    });
  }

  it('copes with an absurd range before the cursor', () => {
    const { labels } = complete('See [1-99999999, |');
    assert.strictEqual(labels.length, 54);
  });

  it('respects completion.citations = false', () => {
    const { labels } = complete('See [Caseiro|', 'markdown', config({ completion: { citations: false } }));
    assert.deepStrictEqual(labels, []);
  });
});

describe('completion: citation keys', () => {
  const cases: [string, string, string, string][] = [
    ['latex', 'Profiles differ \\cite{cas|', 'caseiro2019', 'Profiles differ \\cite{caseiro2019'],
    ['latex', 'Niche \\citep[see][p.~3]{salgado2015, gonzalez|', 'gonzalezgonzalez2020', 'Niche \\citep[see][p.~3]{salgado2015, gonzalezgonzalez2020'],
    ['latex', 'Heart \\autocite{Ranganath|', 'ranganath2012', 'Heart \\autocite{ranganath2012'],
    ['markdown', 'Heart repair [@ranga|', 'ranganath2012', 'Heart repair [@ranganath2012'],
    ['markdown', 'Heart repair [see @caseiro2019; @tjal|', 'tjalsma2000', 'Heart repair [see @caseiro2019; @tjalsma2000'],
  ];
  for (const [languageId, marked, label, accepted] of cases) {
    it(`${marked} → ${label}`, () => {
      const { list, labels } = complete(marked, languageId);
      assert.strictEqual(labels[0], label, `order was ${labels.slice(0, 5).join(', ')}`);
      assert.strictEqual(accept(marked, list.items[0], languageId), accepted);
    });
  }

  it('offers every key in an empty \\cite{}', () => {
    const { labels } = complete('\\cite{|', 'latex');
    assert.strictEqual(labels.length, 54);
    assert.ok(labels.every((label) => /^[a-z]+\d{4}[a-z]?$/.test(String(label))), labels.join(' '));
  });

  it('does not read an e-mail address as a citation', () => {
    const { list } = complete('Write to someone@exam|');
    assert.ok(!list.items.some((item) => item.kind === 18));
  });
});

describe('completion: factors and EV types', () => {
  const cases: [string, string, string][] = [
    ['Signalling through tgf|', 'TGF-β', 'Signalling through TGF-β'],
    ['Signalling through TGFb|', 'TGF-β', 'Signalling through TGF-β'],
    ['Signalling through transforming gr|', 'TGF-β', 'Signalling through TGF-β'],
    ['Released exo|', 'exosomes', 'Released exosomes'],
    ['Released apopt|', 'apoptotic bodies', 'Released apoptotic bodies'],
    ['Inflammation and prostag|', 'PGE2', 'Inflammation and PGE2'],
  ];
  for (const [marked, label, accepted] of cases) {
    it(`${marked} → ${label}`, () => {
      const { list, labels } = complete(marked);
      assert.strictEqual(labels[0], label, `items were ${labels.join(', ')}`);
      assert.strictEqual(accept(marked, list.items[0]), accepted);
      assert.ok((list.items[0].documentation as { value: string }).value.length > 20);
    });
  }

  it('offers nothing for ordinary words', () => {
    for (const marked of ['The results wer|', 'We t|', 'a|']) {
      assert.deepStrictEqual(complete(marked).labels, [], marked);
    }
  });

  it('offers nothing inside a code block or inline code', () => {
    assert.deepStrictEqual(complete('```\ntgf|\n```').labels, []);
    assert.deepStrictEqual(complete('Run `tgf|` now').labels, []);
  });
});

/**
 * VS Code asks again while the user types only if the last answer was incomplete; a complete empty answer closes the
 * list for good. So every prefix of what a person types must answer with a list that stays open.
 */
describe('completion while typing: every answer keeps the list open', () => {
  const sentence = 'Cord and pulp stromal cells secrete distinct metabolomic profiles ';
  const prefixesOf = (text: string, from = 1) => Array.from({ length: text.length - from + 1 }, (_, i) => text.slice(0, from + i));

  for (const languageId of ['markdown', 'latex', 'plaintext']) {
    for (const typed of prefixesOf('[Caseiro')) {
      it(`${languageId}: "${typed}" answers a non-empty, incomplete list${typed.length >= 4 ? ' with 45 first' : ''}`, () => {
        const { list, labels } = complete(`${sentence}${typed}|`, languageId);
        assert.ok(labels.length > 0, 'no items: the suggest widget would not be visible');
        assert.strictEqual(list.isIncomplete, true, 'a complete answer stops VS Code asking as the query grows');
        if (typed.length >= '[Cas'.length) assert.strictEqual(labels[0], '45', `order was ${labels.slice(0, 5).join(', ')}`);
      });
    }
  }

  for (const typed of prefixesOf('\\cite{caseiro')) {
    it(`latex: "${typed}" answers a list VS Code keeps open${typed.length >= '\\cite{cas'.length ? ' with caseiro2019 first' : ''}`, () => {
      const { list, labels } = complete(`Profiles differ between sources ${typed}|`, 'latex');
      assert.ok(labels.length > 0 || list.isIncomplete, `complete and empty at ${typed}`);
      if (typed.includes('{')) assert.ok(labels.length > 0 && list.isIncomplete, `${labels.length} items, isIncomplete ${list.isIncomplete}`);
      if (typed.length >= '\\cite{cas'.length) assert.strictEqual(labels[0], 'caseiro2019', `order was ${labels.slice(0, 5).join(', ')}`);
    });
  }

  it('"[C" offers the references with an author, key or title word starting with "c", first authors first', () => {
    const { list } = complete('Profiles differ between sources [C|');
    assert.ok(list.items.length >= 5, `${list.items.length} items`);
    for (const item of list.items) assert.match(String(item.documentation && (item.documentation as { value: string }).value), /\b[Cc]/);
    // The first items are papers whose first author begins with C (Caseiro, Celis, Chouaib…).
    assert.match(String(list.items[0].detail), /^C/, String(list.items[0].detail));
    for (const item of list.items) assert.ok(item.filterText!.startsWith('C'), item.filterText);
  });

  it('ranks one-letter matches by the sentence among equally good ones', () => {
    const cancer = complete('Secretomes of cancer cells may stimulate tumor growth and metastasis [C|').labels;
    const wounds = complete('Secretome gels helped heal chronic skin wounds such as diabetic ulcers [C|').labels;
    assert.notDeepStrictEqual(cancer.slice(0, 5), wounds.slice(0, 5));
  });

  it('"- [x" starting a list item is a task box, yet the list may still open if "[Xu…" follows', () => {
    const { list } = complete('- [x|');
    assert.ok(!list.items.some((item) => item.kind === 18));
    assert.strictEqual(list.isIncomplete, true);
  });

  it('"[x" inside a sentence is a citation query like any other', () => {
    const { list } = complete('As shown before [x|');
    assert.strictEqual(list.isIncomplete, true);
  });

  it('a word that may still become a term keeps the list open; one that cannot closes it', () => {
    for (const marked of ['Signalling through t|', 'Signalling through tg|', 'Signalling through tgf|', 'Released exo|']) {
      assert.strictEqual(complete(marked).list.isIncomplete, true, marked);
    }
    for (const marked of ['The results wer|', 'Signalling through tgfx|']) {
      const { list } = complete(marked);
      assert.deepStrictEqual([list.isIncomplete, list.items.length], [false, 0], marked);
    }
  });

  it('"tgf" in Markdown, LaTeX and plain text offers TGF-β first', () => {
    for (const languageId of ['markdown', 'latex', 'plaintext']) {
      assert.strictEqual(complete('Signalling through tgf|', languageId).labels[0], 'TGF-β', languageId);
    }
  });
});
