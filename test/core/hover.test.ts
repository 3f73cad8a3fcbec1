import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { createLanguageService } from '../../server/src/core/languageService';
import type { CslItem, Reference } from '../../server/src/core/knowledge/model';
import { config, documentWithCursor, service } from './support';

function hover(marked: string, languageId = 'markdown') {
  const { document, position } = documentWithCursor(marked, languageId);
  const result = service().doHover(document, position, config());
  if (!result) return undefined;
  const value = (result.contents as { value: string }).value;
  const range = result.range!;
  return { value, plain: value.replace(/\\(.)/g, '$1'), covered: document.getText(range) };
}

/** The review's printed reference list, one entry per number: authors as printed and the journal in italics. */
function printedReferences(): Map<number, { authors: string; year: string; journal: string }> {
  const file = path.join(__dirname, '../fixtures/review-references.md');
  const entries = new Map<number, { authors: string; year: string; journal: string }>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^- \[(\d+)\]\. (.+?) ?\((\d{4})\)/.exec(line);
    if (!match) continue;
    const italics = [...line.matchAll(/\*([^*]+)\*/g)].map((m) => m[1]);
    entries.set(Number(match[1]), { authors: match[2].trim(), year: match[3], journal: italics[italics.length - 1].replace(/\.$/, '') });
  }
  return entries;
}

describe('hover: factors and EV types', () => {
  const cases: [string, RegExp[]][] = [
    ['TGF|β may induce quiescence', [/transforming growth factor/i, /quiescence/i, /\[30-31\]|\[30, 31\]/]],
    ['TGF-b|eta inhibits', [/transforming growth factor/i]],
    ['TGF- $\\be|ta$ signalling', [/transforming growth factor/i]],
    ['transforming growth fa|ctor beta', [/TGF-β/]],
    ['F|GF and angiogenesis', [/fibroblast growth factor/i, /angiogenesis/i, /\[27-29\]/]],
    ['prostaglandin E|2 dampens', [/PGE2/, /inflammation/i]],
    ['Exo|somes carry cargo', [/exosome/i, /\[32-35\]/]],
    ['apoptotic bo|dies', [/apoptotic bodies/i]],
    ['Extracellular vehi|cles are', [/extracellular vesicles/]],
  ];
  for (const [marked, patterns] of cases) {
    it(marked, () => {
      const result = hover(marked);
      assert.ok(result, 'no hover');
      for (const pattern of patterns) assert.match(result.plain, pattern);
    });
  }

  it('covers exactly the term', () => {
    assert.strictEqual(hover('Signals such as TGF|β matter')?.covered, 'TGFβ');
  });

  it('shows nothing on ordinary words', () => {
    assert.strictEqual(hover('The re|sults were clear'), undefined);
  });
});

describe('hover: what the review says, said once and as the review says it', () => {
  const bullets = (value: string) => (value.split('**What the review says**')[1] ?? '').split('**References**')[0].split('\n').filter((line) => line.startsWith('- '));

  it('every term hover shows each quote once', () => {
    for (const term of loadBundledDataset().terms) {
      const text = `${term.canonical} here.`;
      const result = hover(`${term.canonical.slice(0, 1)}|${text.slice(1)}`);
      assert.ok(result, term.id);
      const quotes = bullets(result.plain).map((line) => line.replace(/ \[[\d, -]+\] \([^)]*\)$/, ''));
      assert.deepStrictEqual(quotes, [...new Set(quotes)], `${term.id} repeats a quote`);
      for (const quote of quotes) {
        assert.ok(!quotes.some((other) => other !== quote && other.includes(quote)), `${term.id}: “${quote}” is repeated inside a longer quote`);
      }
    }
  });

  it('TGF-β: the "may" of the review in roles and quotes, and its strength as the review words it', () => {
    const result = hover('TGF-|β matters')!;
    assert.match(result.plain, /\*\*Roles:\*\* .*may induce stem cell quiescence/);
    assert.doesNotMatch(result.plain, /; induces stem cell quiescence/);
    assert.match(result.plain, /- TGF-β may induce stem cell quiescence, .* \[30-31\] \(still under investigation\)/);
    assert.strictEqual(bullets(result.plain).length, 2);
  });

  it('an EV type names its kind once', () => {
    const result = hover('Exo|somes carry cargo')!;
    assert.doesNotMatch(result.plain, /extracellular vesicle type, extracellular vesicle type/);
    assert.match(result.plain, /\*extracellular vesicle type\*/);
  });

  it('a sentence-initial capital is the canonical form, not another spelling', () => {
    assert.doesNotMatch(hover('Exo|somes carry cargo')!.plain, /Written here as/);
    assert.doesNotMatch(hover('Secre|tome therapy helps.')!.plain, /Written here as/);
    assert.match(hover('Signals such as TGF|β matter')!.plain, /Written here as “TGFβ”; the canonical form is \*\*TGF-β\*\*/);
  });
});

describe('hover: citations', () => {
  it('[11-18] lists one line per reference, not eight full references', () => {
    const result = hover('Repair [11-|18].')!;
    const lines = result.plain.split('\n').filter((line) => /^\*\*\[\d+\]\*\*/.test(line));
    assert.deepStrictEqual(lines.map((line) => Number(/\[(\d+)\]/.exec(line)![1])), [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.match(result.plain, /\*\*\[11\]\*\* Udalamaththa 2020, Therapeutic uses of post-partum tissue-derived mesenchymal…/);
    assert.match(result.plain, /\*\*\[13\]\*\* Ranganath 2012, Harnessing the mesenchymal stem cell secretome…/);
    assert.doesNotMatch(result.plain, /Indian J Med Res|Cited in the review/, 'no full reference in a long range');
    assert.match(hover('Repair [1|1].')!.plain, /Indian J Med Res/, 'a single reference is shown in full');
  });

  it('[27-29] shows the three references in full', () => {
    const result = hover('Growth factors [27-|29] help.');
    assert.ok(result);
    assert.strictEqual(result.covered, '[27-29]');
    assert.match(result.plain, /\*\*\[27\]\*\* Fadilah NIMD/);
    assert.match(result.plain, /\*\*\[28\]\*\* Jayaraman P/);
    assert.match(result.plain, /\*\*\[29\]\*\* Mintz PJ/);
    assert.ok(!/\[30\]/.test(result.plain));
  });

  it('[1, 3-5] lists 1, 3, 4 and 5', () => {
    const result = hover('Known [1, 3|-5].');
    const shown = [...result!.plain.matchAll(/\*\*\[(\d+)\]\*\*/g)].map((m) => Number(m[1]));
    assert.deepStrictEqual(shown, [1, 3, 4, 5]);
  });

  it('a number outside 1..54 says it is not a reference', () => {
    assert.match(hover('See [5|5].')!.plain, /\[55\]\*\* is not a reference of the review/);
  });

  it('an absurd range is reported, not expanded', () => {
    const result = hover('See [1-9999|9999].')!;
    assert.match(result.plain, /spans 99,999,999 numbers/);
    assert.ok(result.plain.length < 5000);
  });

  it('a LaTeX key shows its reference, an unknown key says so', () => {
    assert.match(hover('\\cite{case|iro2019}', 'latex')!.plain, /Caseiro AR/);
    assert.match(hover('\\cite{nobo|dy1999}', 'latex')!.plain, /not the key of any/);
  });

  it('a Pandoc key shows its reference', () => {
    assert.match(hover('[@gonz|alezgonzalez2020]')!.plain, /González-González A/);
  });

  const printed = printedReferences();
  it('the fixture holds all 54 printed references', () => assert.strictEqual(printed.size, 54));
  for (const [number, expected] of printed) {
    it(`[${number}] shows its authors, year and journal as printed`, () => {
      const result = hover(`Cited [${number}|].`)!;
      assert.ok(result.plain.includes(expected.authors), `authors "${expected.authors}" not in:\n${result.plain}`);
      assert.ok(result.plain.includes(`(${expected.year})`), `year ${expected.year} not in:\n${result.plain}`);
      assert.ok(result.plain.includes(expected.journal), `journal "${expected.journal}" not in:\n${result.plain}`);
    });
  }
});

/** A Markdown manuscript with its own numbered list of 120 entries; `seventh` replaces entry 7 when given. */
function manuscriptWithOwnList(prose: string, seventh?: string): string {
  const entries = Array.from({ length: 120 }, (_, at) => {
    const number = at + 1;
    if (number === 7 && seventh) return `7. ${seventh}`;
    return `${number}. Smith J, Doe A. Title number ${number}. J Test. 2020;1:1-2.`;
  });
  return `${prose}\n\n## References\n\n${entries.join('\n')}\n`;
}

/** The review's printed reference 45 in Vancouver form, as a writer's own list would give it. */
const caseiroVancouver =
  'Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al. Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome. PLoS ONE. 2019;14(11):1-33.';

describe('hover: a manuscript with its own reference list', () => {
  it('[7] is the manuscript entry 7, not the review reference 7', () => {
    const result = hover(manuscriptWithOwnList('Shown before [|7].'))!;
    assert.match(result.plain, /\*\*\[7\]\*\* Smith J, Doe A \(2020\) Title number 7\. J Test\./);
    assert.match(result.plain, /Entry 7 of the manuscript's reference list/);
    assert.doesNotMatch(result.plain, /Cited in the review|review's reference/, 'entry 7 is not one of the review papers');
    assert.strictEqual(result.covered, '[7]');
  });

  it('[99] is its entry 99', () => {
    const result = hover(manuscriptWithOwnList('Shown before [9|9].'))!;
    assert.match(result.plain, /Title number 99\./);
    assert.match(result.plain, /Entry 99 of the manuscript's reference list/);
  });

  it('[130] is not in the list of 120 entries', () => {
    const result = hover(manuscriptWithOwnList('Shown before [13|0].'))!;
    assert.match(result.plain, /\*\*\[130\]\*\* is not in the manuscript's reference list \(entries 1–120\)\./);
    assert.doesNotMatch(result.plain, /not a reference of the review/);
  });

  it('an entry that is one of the review papers carries the review evidence for it', () => {
    const result = hover(manuscriptWithOwnList('Purification is hard [|7].', caseiroVancouver))!;
    assert.match(result.plain, /\*\*\[7\]\*\* Caseiro A.* \(2019\) Mesenchymal Stem\/Stromal Cells metabolomic/);
    assert.match(result.plain, /Entry 7 of the manuscript's reference list/);
    assert.match(result.plain, /The review's reference 45\* \(Caseiro et al\. 2019, PLoS ONE\)/);
    assert.match(result.plain, /cited in the review\* \[44-45\] \*for\* the challenge of extracting and purifying bioactive molecules/);
  });

  it('a long range lists the own entries one line each, the linked one marked', () => {
    const result = hover(manuscriptWithOwnList('Many [5-|9].', caseiroVancouver))!;
    const lines = result.plain.split('\n').filter((line) => /^\*\*\[\d+\]\*\*/.test(line));
    assert.deepStrictEqual(lines.map((line) => Number(/\[(\d+)\]/.exec(line)![1])), [5, 6, 7, 8, 9]);
    assert.match(result.plain, /\*\*\[5\]\*\* Smith 2020, Title number 5/);
    assert.match(result.plain, /\*\*\[7\]\*\* Caseiro 2019, Mesenchymal Stem\/Stromal Cells metabolomic and bioactive… \(the review's \[45\]\)/);
    assert.doesNotMatch(result.plain, /Entry \d+ of/, 'no full entries in a long range');
  });

  it('[1-120] lists the first 60 entries and says how many more', () => {
    const result = hover(manuscriptWithOwnList('All of them [1-1|20].'))!;
    const lines = result.plain.split('\n').filter((line) => /^\*\*\[\d+\]\*\*/.test(line));
    assert.deepStrictEqual(lines.map((line) => Number(/\[(\d+)\]/.exec(line)![1])), Array.from({ length: 60 }, (_, at) => at + 1));
    assert.match(result.plain, /…and 60 more, not listed\./);
  });

  it('an absurd range is measured against the own list', () => {
    assert.match(hover(manuscriptWithOwnList('See [1-9999|9999].'))!.plain, /spans 99,999,999 numbers; the manuscript's reference list has 120 entries \(1–120\)/);
  });

  it('without its own list, [7] is still the review reference 7', () => {
    const result = hover('Shown before [|7].')!;
    assert.match(result.plain, /Cited in the review/);
    assert.doesNotMatch(result.plain, /manuscript's reference list/);
  });
});

describe('hover: keys from a bibliography', () => {
  const source = { kind: 'bibliography' as const, id: 'file:///w/refs.bib', label: 'refs.bib' };
  const language = createLanguageService({ dataset: loadBundledDataset() });
  const entry = (key: string, line: number, item: Omit<CslItem, 'id'>): Reference => ({ source, key, item: { id: key, ...item }, location: { uri: source.id, line, character: 0 } });
  language.setBibliography({
    source,
    references: [
      entry('aksin2021', 11, {
        author: [{ family: 'Aksın', given: 'Özge' }, { family: 'Türkmen', given: 'Ayşe' }],
        issued: { 'date-parts': [[2021]] },
        title: 'Conditioned medium in burns',
        'container-title': 'Burns & Trauma',
      }),
      entry('doi:10.5555/test.1', 30, { author: [{ family: 'Núñez', given: 'Ana' }], issued: { 'date-parts': [[2018]] }, title: 'A paper cited by its DOI', DOI: '10.5555/test.1' }),
      entry('lee2022', 40, { author: [{ family: 'Lee', given: 'Min' }], issued: { 'date-parts': [[2022]] }, title: 'Vesicles in the clinic', DOI: '10.5555/test.2' }),
      entry('caseiro2019own', 50, { author: [{ family: 'Caseiro', given: 'A. R.' }], issued: { 'date-parts': [[2019]] }, title: 'Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome' }),
    ],
  });
  const withBibliography = config({ sources: { bibliographyIds: [source.id] } });
  const hoverIn = (marked: string, languageId = 'markdown', settings = withBibliography) => {
    const { document, position } = documentWithCursor(marked, languageId);
    const value = (language.doHover(document, position, settings)!.contents as { value: string }).value;
    return value.replace(/\\(.)/g, '$1');
  };

  it('a key shows the entry with decoded accents, and its file and line', () => {
    const plain = hoverIn('As shown [@aks|in2021].');
    assert.match(plain, /\*\*`aksin2021`\*\* Aksın Ö, Türkmen A \(2021\) Conditioned medium in burns\. Burns & Trauma\./);
    assert.match(plain, /Defined in refs\.bib, line 12\./);
    assert.doesNotMatch(plain, /review's reference/);
  });

  it('each key of \\cite{a,b} and of \\cites{a}{b} is shown', () => {
    for (const marked of ['\\cite{aksin2021,le|e2022}', '\\cites{aksin2021}{le|e2022}']) {
      const plain = hoverIn(marked, 'latex');
      assert.match(plain, /Aksın Ö/, marked);
      assert.match(plain, /Lee M \(2022\) Vesicles in the clinic/, marked);
    }
  });

  it('a bibliography entry that is one of the review papers carries the review evidence', () => {
    const plain = hoverIn('\\cite{caseiro|2019own}', 'latex');
    assert.match(plain, /Defined in refs\.bib, line 51\./);
    assert.match(plain, /The review's reference 45\*/);
  });

  it('an unknown key names the bibliographies searched and the review', () => {
    assert.match(hoverIn('See [@nobo|dy1999].'), /`nobody1999` is not defined in refs\.bib, nor is it the key of any of the review's references\./);
    assert.match(hoverIn('See [@nobo|dy1999].', 'markdown', config()), /`nobody1999` is not the key of any of the review's references; no bibliography was searched for this document\./);
  });

  it('a key the bibliography does not define is still the review key', () => {
    assert.match(hoverIn('[@case|iro2019]'), /Caseiro AR, Pedrosa SS/);
  });

  it('[@doi:…] is a DOI, checked for form only, with the entry whose key it is', () => {
    const plain = hoverIn('See [@doi:10.5555/te|st.1].');
    assert.match(plain, /\*\*DOI\*\* \[10\.5555\/test\.1\]\(https:\/\/doi\.org\/10\.5555\/test\.1\)/);
    assert.match(plain, /Not looked up: checked for form only\./);
    assert.match(plain, /Núñez A \(2018\) A paper cited by its DOI/);
    assert.match(plain, /Defined in refs\.bib, line 31\./);
  });

  it('[@doi:…] finds the entry with that DOI under another key', () => {
    assert.match(hoverIn('See [@doi:10.5555/te|st.2].'), /Lee M \(2022\) Vesicles in the clinic/);
  });
});

describe('hover: identifiers', () => {
  it('[@doi:10.1038/nbt.3300] is a DOI, not an empty citation', () => {
    const result = hover('Tools [@doi:10.1038/nb|t.3300] exist.')!;
    assert.match(result.plain, /\*\*DOI\*\* \[10\.1038\/nbt\.3300\]\(https:\/\/doi\.org\/10\.1038\/nbt\.3300\)/);
    assert.match(result.plain, /Not looked up: checked for form only\./);
    assert.doesNotMatch(result.plain, /empty/);
    assert.strictEqual(result.covered, '[@doi:10.1038/nbt.3300]');
  });

  it('each scheme is named', () => {
    assert.match(hover('[@pmid:2017|0387]')!.plain, /\*\*PubMed ID\*\* \[20170387\]\(https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/20170387\/\)/);
    assert.match(hover('[@pmcid:PMC304|1534]')!.plain, /\*\*PubMed Central ID\*\* \[PMC3041534\]/);
    assert.match(hover('[@arxiv:1407.|3561v1]')!.plain, /\*\*arXiv ID\*\* \[1407\.3561v1\]\(https:\/\/arxiv\.org\/abs\/1407\.3561v1\)/);
    assert.match(hover('[@isbn:97802620|35613]')!.plain, /\*\*ISBN\*\* 9780262035613/);
  });

  it('a malformed identifier shows its problem', () => {
    assert.match(hover('[@doi:10.10|38]')!.plain, /`@doi:10\.1038` is not a well-formed DOI: A DOI starts with “10\.”/);
  });

  it('a DOI with parentheses keeps its link whole', () => {
    assert.match(hover('[@{doi:10.1016/S0140-6736(20)30|183-5}]')!.value, /\(https:\/\/doi\.org\/10\.1016\/S0140-6736%2820%2930183-5\)/);
  });

  it('@tag: shows what its definition line stands for', () => {
    const result = hover('Cited [@tag:ab|e].\n\n[@tag:abe]: doi:10.1038/nbt.3300\n')!;
    assert.match(result.plain, /`@tag:abe` stands for `doi:10\.1038\/nbt\.3300` \(defined on line 3\)\./);
    assert.match(result.plain, /\*\*DOI\*\* \[10\.1038\/nbt\.3300\]/);
  });

  it('@tag: defined in another file of the project, or nowhere', () => {
    assert.match(hover('Cited [@tag:ab|e].')!.plain, /`@tag:abe` is not defined: add a line `\[@tag:abe\]: doi:…`/);
    const { document, position } = documentWithCursor('Cited [@tag:ab|e].');
    const elsewhere = service().doHover(document, position, config({ sources: { projectKeys: ['tag:abe'] } }))!;
    assert.match((elsewhere.contents as { value: string }).value.replace(/\\(.)/g, '$1'), /`@tag:abe` is defined elsewhere in this document's project\./);
  });
});

describe('hover: a LaTeX manuscript with its own thebibliography', () => {
  const latex = (prose: string) =>
    `${prose}\n\\begin{thebibliography}{9}\n\\bibitem{smith2020} Smith J, Doe A. Conditioned medium in burns. J Test. 2020;1:1-2.\n\\bibitem{caseiro2019} Someone B. Another paper. J Test. 2021;2:3-4.\n\\end{thebibliography}\n`;

  it('\\cite{key} of a \\bibitem is that entry, before the review key of the same name', () => {
    const smith = hover(latex('See \\cite{smi|th2020}.'), 'latex')!;
    assert.match(smith.plain, /Smith J, Doe A \(2020\) Conditioned medium in burns\./);
    assert.match(smith.plain, /Entry 1 of the manuscript's reference list/);
    const own = hover(latex('See \\cite{case|iro2019}.'), 'latex')!;
    assert.match(own.plain, /Someone B \(2021\) Another paper\./);
    assert.doesNotMatch(own.plain, /PLoS ONE/);
  });
});

describe('hover: a review key says which reference it is', () => {
  it('\\cite{caseiro2019} is the review reference 45', () => {
    assert.match(hover('\\cite{case|iro2019}', 'latex')!.plain, /Reference 45 of the review\. \*Cited in the review\* \[44-45\]/);
  });
});
