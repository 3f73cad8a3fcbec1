/** The bibliography readers on real files (every fixture loads; known entries read right) and on the hard cases. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BibliographyLoader } from '../../server/src/bibliography';
import type { BibliographyInput } from '../../server/src/core/knowledge';
import { MemoryWorkspace } from './memoryWorkspace';
import type { Reference, SourceReading } from '../../server/src/core/knowledge/model';
import { readBibliographySource } from '../../server/src/core/sources';
import { decodeLatex } from '../../server/src/core/sources/latex';

const fixtures = path.join(__dirname, '../fixtures/bibliographies');
const read = (relative: string): { text: string; reading: SourceReading } => {
  const text = fs.readFileSync(path.join(fixtures, relative), 'utf8');
  return { text, reading: readBibliographySource(text, `file:///fixtures/${relative}`) };
};
const byKey = (reading: SourceReading, key: string): Reference => {
  const found = reading.references.find((reference) => reference.key === key);
  assert.ok(found, `no reference ${key} among ${reading.references.length}`);
  return found;
};
/** The 0-based line where `needle` first occurs in `text`. */
const lineOf = (text: string, needle: string): number => {
  const at = text.indexOf(needle);
  assert.ok(at !== -1, `"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length - 1;
};
const bib = (text: string) => readBibliographySource(text, 'file:///refs.bib');

describe('bibliography readers: every real file', () => {
  const files = fs
    .readdirSync(fixtures, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(bib|json|ya?ml)$/.test(file))
    .sort();

  it('has the fixtures to read', () => assert.ok(files.length >= 120, `${files.length} files`));

  for (const file of files) {
    it(`${file} loads, each reference located at its own entry`, () => {
      const { text, reading } = read(file);
      const lines = text.split('\n');
      for (const reference of reading.references) {
        assert.ok(reference.key.length > 0);
        assert.strictEqual(reference.item.id, reference.key);
        assert.strictEqual(reference.source.kind, 'bibliography');
        assert.strictEqual(reference.source.label, path.basename(file));
        const line = lines[reference.location!.line];
        assert.ok(line !== undefined, `${reference.key} at line ${reference.location!.line} of ${lines.length}`);
        if (file.endsWith('.bib')) assert.ok(line.slice(reference.location!.character).startsWith('@'), `${reference.key}: "${line}"`);
        else assert.ok(line.includes('id'), `${reference.key}: "${line}"`);
      }
      for (const problem of reading.problems) assert.ok(problem.location.line < lines.length, `${problem.code} past the end`);
      // Text fields are decoded: no accent command survives in a title or an author name.
      for (const { item } of reading.references) {
        if (!file.endsWith('.bib')) continue;
        for (const name of item.author ?? []) assert.doesNotMatch(Object.values(name).join(' '), /\\["'`^~]|\{\\/, `${item.id}: ${JSON.stringify(name)}`);
        if (item.title) assert.doesNotMatch(item.title, /\\["'`^~=.]\{?[A-Za-z]|\{\\/, `${item.id}: ${item.title}`);
      }
    });
  }

  it('biblatex-examples: accents, @string journals, dates and particles read as BibLaTeX means them', () => {
    const { text, reading } = read('biblatex/biblatex-examples.bib');
    assert.strictEqual(reading.problems.length, 0, JSON.stringify(reading.problems));
    const aksin = byKey(reading, 'aksin');
    assert.deepStrictEqual(aksin.item.author!.slice(0, 4), [
      { family: 'Aksın', given: 'Özge' },
      { family: 'Türkmen', given: 'Hayati' },
      { family: 'Artok', given: 'Levent' },
      { family: 'Çetinkaya', given: 'Bekir' },
    ]);
    assert.strictEqual(aksin.item.title, 'Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions');
    assert.strictEqual(aksin.item['container-title'], 'J. Organomet. Chem.', 'journaltitle = jomch, an @string');
    assert.deepStrictEqual(aksin.item.issued, { 'date-parts': [[2006]] });
    assert.strictEqual(aksin.item.type, 'article-journal');
    assert.deepStrictEqual(aksin.location, { uri: 'file:///fixtures/biblatex/biblatex-examples.bib', line: lineOf(text, '@article{aksin,'), character: 0 });
    assert.deepStrictEqual(byKey(reading, 'vangennep').item.author, [{ family: 'Gennep', given: 'Arnold', 'non-dropping-particle': 'van' }]);
    assert.deepStrictEqual(byKey(reading, 'shore').item.issued, { 'date-parts': [[1991, 3]] }, 'month = mar');
    assert.strictEqual(byKey(reading, 'angenendt').item.page, '431–456, 791–823', '-- is an en dash');
    assert.deepStrictEqual(byKey(reading, 'knuth:ct').item.issued, { 'date-parts': [[1984], [1986]] }, 'date = 1984/1986');
    assert.strictEqual(byKey(reading, 'kastenholz').item.DOI, '10.1063/1.2172593');
    assert.ok(!reading.references.some((reference) => reference.key === 'jomch'), '@string names are not entries');
  });

  it('biblatex-examples: crossref children inherit the parent fields, its title as their booktitle', () => {
    const { reading } = read('biblatex/biblatex-examples.bib');
    const child = byKey(reading, 'westfahl:space');
    assert.strictEqual(child.item.title, 'The True Frontier: Confronting and Avoiding the Realities of Space in American Science Fiction Films');
    assert.strictEqual(child.item['container-title'], 'Space and Beyond: The Frontier Theme in Science Fiction');
    assert.deepStrictEqual(child.item.editor, [{ family: 'Westfahl', given: 'Gary' }]);
    assert.strictEqual(child.item.publisher, 'Greenwood');
    assert.deepStrictEqual(child.item.issued, { 'date-parts': [[2000]] });
    assert.strictEqual(child.item.type, 'chapter');
  });

  it('a file with broken entries keeps the rest and names each broken one at its line', () => {
    const { text, reading } = read('bbt-import/web_page_and_other_mendeley_idiocy.bib');
    const bad = reading.problems.filter((problem) => problem.code === 'bad-entry');
    assert.strictEqual(bad.length, text.split('\n').filter((line) => /^@\w+\{,/.test(line)).length, 'one problem per entry without a key');
    assert.strictEqual(bad[0].location.line, lineOf(text, '@article{,'));
    assert.match(bad[0].message, /has no key/);
    assert.strictEqual(reading.references.length, text.split('\n').filter((line) => /^@\w+\{[^,]+,/.test(line)).length - reading.problems.filter((p) => p.code === 'duplicate-key').length);
    assert.strictEqual(byKey(reading, 'Cai2008').item.title, 'Transactional Theory and the Study of Multicultural Literature');
  });

  it('a commented-out entry is skipped, not read into the next one', () => {
    const { reading } = read('bbt-import/Import_error_with_character_in_BibTeX_field_name_2660.bib');
    assert.deepStrictEqual(reading.problems, []);
    assert.ok(reading.references.some((reference) => reference.key === '10.1:18'));
  });

  it('deep-review CSL-JSON: 602 items, each located at its "id"', () => {
    const { text, reading } = read('deep-review/manual-references-2020-01-29.json');
    assert.strictEqual(reading.references.length, 602);
    assert.deepStrictEqual(reading.problems, []);
    const first = reading.references[0];
    const firstId = (JSON.parse(text) as { id: string }[])[0].id;
    assert.strictEqual(first.key, firstId);
    assert.strictEqual(first.location!.line, lineOf(text, `"id": ${JSON.stringify(firstId)}`));
    assert.ok(reading.references.filter((reference) => reference.item.abstract).length >= 200);
  });

  it('Better BibTeX CSL-JSON: names, dates and DOI kept', () => {
    const { reading } = read('bbt-csl-json/BBT_CSL_JSON_Do_not_use_shortTitle_and_journalAbbreviation_372.csl.json');
    assert.deepStrictEqual(reading.references.map((reference) => reference.item), [
      {
        id: 'Olson2006',
        type: 'article-journal',
        title: 'Codes, costs, and critiques: The organization of information in <i>Library Quarterly</i>, 1931–2004',
        'container-title': 'Library Quarterly',
        volume: '76',
        issue: '1',
        page: '19–35',
        DOI: '10.1086/504343',
        author: [{ family: 'Olson', given: 'Hope A.' }],
        issued: { 'date-parts': [[2006]] },
      },
    ]);
  });

  it('a YAML file that is not a reference list says so', () => {
    const { reading } = read('deep-review/metadata.yaml');
    assert.deepStrictEqual(reading.references, []);
    assert.strictEqual(reading.problems.length, 1);
    assert.match(reading.problems[0].message, /no list of references/);
  });
});

describe('bibliography readers: LaTeX, names and the hard cases', () => {
  it('decodes accents, special letters, dashes and protection to Unicode', () => {
    const cases: [string, string][] = [
      ['{\\"O}zge', 'Özge'],
      ['Aks\\i{}n', 'Aksın'],
      ["Caf\\'e", 'Café'],
      ['Nu\\~nez', 'Nuñez'],
      ['Stra\\ss e', 'Straße'],
      ['Stra{\\ss}e', 'Straße'],
      ['{\\o}stergaard', 'østergaard'],
      ['Garc{\\\'\\i}a', 'García'],
      ['Fran\\c{c}ois', 'François'],
      ['\\v{S}koda', 'Škoda'],
      ['pages 1--10', 'pages 1–10'],
      ['yes---no', 'yes—no'],
      ['{{Protected Title}}', 'Protected Title'],
      ['The \\emph{in vitro} \\textit{secretome}', 'The in vitro secretome'],
      ['\\enquote*{quoted} words', '“quoted” words'],
      ['TGF-$\\beta$ and 5~mm', 'TGF-β and 5 mm'],
      ['R\\&D, 50\\% \\_x', 'R&D, 50% _x'],
      ['  spread\n   over\tlines ', 'spread over lines'],
    ];
    for (const [latex, unicode] of cases) assert.strictEqual(decodeLatex(latex), unicode, latex);
  });

  it('splits names: particles, suffixes, institutions, First Last', () => {
    const reading = bib(
      '@book{a, author = {van der Berg, Jan and Doe, Jr., John and {World Health Organization} and Ludwig van Beethoven and Ann Smith and others}, title = {T}}',
    );
    assert.deepStrictEqual(reading.references[0].item.author, [
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Doe', given: 'John', suffix: 'Jr.' },
      { literal: 'World Health Organization' },
      { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' },
      { family: 'Smith', given: 'Ann' },
    ]);
  });

  it('@string macros, # concatenation, month macros and repeated macros', () => {
    const reading = bib('@string{j = "Stem Cell"}\n@STRING(t = j # { Research})\n@article{k, journal = t # " \\& Therapy", year = 2019, month = oct}\n');
    assert.deepStrictEqual(reading.problems, []);
    assert.strictEqual(reading.references[0].item['container-title'], 'Stem Cell Research & Therapy');
    assert.deepStrictEqual(reading.references[0].item.issued, { 'date-parts': [[2019, 10]] });
  });

  it('a doubling @string chain is cut at the cap and reported, without taking the memory', () => {
    const lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}'];
    for (let index = 1; index <= 40; index++) lines.push(`@string{s${index} = s${index - 1} # s${index - 1}}`);
    lines.push('@misc{big, title = s40, note = {after}}', '@misc{next, title = {Still read}}');
    const reading = readBibliographySource(lines.join('\n'), 'file:///strings.bib', undefined, { maxValueLength: 10_000, maxMacroText: 200_000 });
    assert.deepStrictEqual(
      reading.references.map((reference) => reference.key),
      ['big', 'next'],
    );
    assert.ok((reading.references[0].item.title ?? '').length <= 10_000);
    const cut = reading.problems.filter((problem) => problem.code === 'string-too-long');
    assert.ok(cut.length > 0);
    assert.strictEqual(cut[0].location.line, 10, 'the first @string that passes 10,000 characters (s10: 16 × 2^10)');
  });

  it('crossref chains and xdata are inherited; a missing parent is a warning', () => {
    const reading = bib(
      [
        '@xdata{pub, publisher = {Elsevier}, location = {Amsterdam}}',
        '@mvbook{series, title = {Collected Works}, author = {Kant, Immanuel}}',
        '@book{vol, title = {Critiques}, crossref = {series}, volume = 5, xdata = {pub}}',
        '@inbook{chap, title = {Kritik}, crossref = {vol}, pages = {1--10}}',
        '@inproceedings{orphan, title = {Lost}, crossref = {nowhere}}',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      reading.references.map((reference) => reference.key),
      ['series', 'vol', 'chap', 'orphan'],
      'xdata entries are data, not references',
    );
    const chapter = byKey(reading, 'chap').item;
    assert.strictEqual(chapter.title, 'Kritik');
    assert.strictEqual(chapter['container-title'], 'Critiques');
    assert.deepStrictEqual(chapter.author, [{ family: 'Kant', given: 'Immanuel' }]);
    assert.strictEqual(chapter.publisher, 'Elsevier');
    assert.strictEqual(chapter.volume, '5');
    assert.strictEqual(byKey(reading, 'vol').item['container-title'], 'Collected Works', 'an mvbook title is the maintitle');
    assert.deepStrictEqual(
      reading.problems.map((problem) => [problem.code, problem.location.line]),
      [['missing-crossref', 4]],
    );
  });

  it('an unclosed entry is reported at its line and the next entry still loads', () => {
    const reading = bib('@article{good1, title = {One}}\n\n@article{broken, title = {Two,\n  year = 2020\n\n@article{good2, title = {Three}}\n@book{noclose, title = {Four}\n@book{good3, title = {Five}}\n');
    assert.deepStrictEqual(
      reading.references.map((reference) => reference.key),
      ['good1', 'good2', 'good3'],
    );
    assert.deepStrictEqual(
      reading.problems.map((problem) => [problem.code, problem.location.line]),
      [
        ['bad-entry', 2],
        ['bad-entry', 6],
      ],
    );
    assert.match(reading.problems[0].message, /@article broken: a value opened on line 3 is not closed before the next entry on line 6/);
    assert.match(reading.problems[1].message, /@book noclose: the entry is not closed .* before the next entry on line 8/);
  });

  it('duplicate keys (case-insensitive) are warnings at the second; the first counts', () => {
    const reading = bib('@misc{Smith2020, title = {First}}\n@misc{smith2020, title = {Second}}\n');
    assert.deepStrictEqual(
      reading.references.map((reference) => reference.item.title),
      ['First'],
    );
    assert.deepStrictEqual(
      reading.problems.map((problem) => [problem.code, problem.severity, problem.location.line]),
      [['duplicate-key', 'warning', 1]],
    );
  });

  it('deep braces and huge files cannot overflow the stack; caps are reported', () => {
    const deep = `@misc{deep, title = {${'{'.repeat(40_000)}x${'}'.repeat(40_000)}}}\n@misc{after, title = {Fine}}`;
    assert.deepStrictEqual(
      bib(deep).references.map((reference) => reference.item.title),
      ['x', 'Fine'],
    );
    const many = Array.from({ length: 5 }, (_, index) => `@misc{k${index}, title = {T${index}}}`).join('\n');
    const capped = readBibliographySource(many, 'file:///many.bib', undefined, { maxEntries: 3 });
    assert.strictEqual(capped.references.length, 3);
    assert.deepStrictEqual(
      capped.problems.map((problem) => [problem.code, problem.location.line]),
      [['too-many-entries', 3]],
    );
    const large = readBibliographySource(many, 'file:///dir/many.bib', undefined, { maxTextLength: 100 });
    assert.strictEqual(large.references.length, 0);
    assert.match(large.problems[0].message, /^many\.bib is 0\.0 MiB, more than the 0\.0 MiB a bibliography may be; it is not read$/);
    assert.strictEqual(large.problems[0].code, 'too-large');
  });

  it('CSL-JSON: a syntax error is one problem at its line, and the other items are still read', () => {
    const items = [
      { id: 'a', title: 'First' },
      { id: 'b', title: 'Second' },
      { title: 'No id' },
      { id: 'c', title: 'Third' },
    ];
    const good = JSON.stringify(items, null, 2);
    const reading = readBibliographySource(good, 'file:///refs.json');
    assert.deepStrictEqual(
      reading.references.map((reference) => [reference.key, reference.location!.line]),
      [
        ['a', lineOf(good, '"id": "a"')],
        ['b', lineOf(good, '"id": "b"')],
        ['c', lineOf(good, '"id": "c"')],
      ],
    );
    assert.deepStrictEqual(
      reading.problems.map((problem) => [problem.code, problem.location.line]),
      [['bad-entry', lineOf(good, '"title": "No id"') - 1]],
    );
    const broken = good.replace('"title": "Second"', '"title": "Second" "oops": 1');
    const recovered = readBibliographySource(broken, 'file:///refs.json');
    assert.deepStrictEqual(
      recovered.references.map((reference) => reference.key),
      ['a', 'c'],
    );
    const syntax = recovered.problems.find((problem) => problem.code === 'bad-json');
    assert.ok(syntax);
    assert.strictEqual(syntax.location.line, lineOf(broken, '"oops"'));
    assert.match(syntax.message, /refs\.json is not valid JSON at line \d+, column \d+: .*; 3 items could still be read/);
  });

  it('CSL-YAML: references with their lines, old-style dates, and a syntax error at its line', () => {
    const yaml = '---\nreferences:\n- id: smith2020\n  type: article-journal\n  title: Conditioned medium\n  author:\n    - family: Smith\n      given: Ann\n  issued:\n    - year: 2020\n      month: 5\n- title: No id here\n- id: doe2019\n  issued: 2019-04-01\n...\n';
    const reading = readBibliographySource(yaml, 'file:///refs.yaml');
    assert.deepStrictEqual(
      reading.references.map((reference) => [reference.key, reference.location!.line, reference.item.issued]),
      [
        ['smith2020', 2, { 'date-parts': [[2020, 5]] }],
        ['doe2019', 12, { 'date-parts': [[2019, 4, 1]] }],
      ],
    );
    assert.deepStrictEqual(reading.references[0].item.author, [{ family: 'Smith', given: 'Ann' }]);
    assert.deepStrictEqual(
      reading.problems.map((problem) => [problem.code, problem.location.line]),
      [['bad-entry', 11]],
    );
    const broken = readBibliographySource('references:\n- id: a\n  title: [unclosed\n- id: b\n', 'file:///refs.yml');
    assert.ok(broken.problems.some((problem) => problem.code === 'bad-yaml' && problem.location.line >= 2), JSON.stringify(broken.problems));
  });

  it('the format comes from the extension, else from the text', () => {
    assert.strictEqual(readBibliographySource('[{"id": "x"}]', 'file:///refs').references[0].key, 'x');
    assert.strictEqual(readBibliographySource('@misc{y, title={T}}', 'file:///refs').references[0].key, 'y');
    assert.strictEqual(readBibliographySource('- id: z\n', 'file:///refs').references[0].key, 'z');
    assert.strictEqual(readBibliographySource('\ufeff[{"id": "bom"}]', 'file:///refs.json').references[0].key, 'bom');
  });

  it('the loader hands the good entries of a file with a bad one to the service, and keeps the problem for the file', async () => {
    const text = '@article{smith2020, title = {Burns}, author = {M{\\"u}ller, Ann}, year = 2020}\n@article{bad, title = {x\n@book{jones2021, title = {Niches}, date = {2021-03}}\n';
    const given: BibliographyInput[] = [];
    const loader = new BibliographyLoader({ setBibliography: (input) => given.push(input), removeBibliography: () => undefined });
    const files = new MemoryWorkspace({ '/w/refs.bib': text }, '/w');
    const loaded = await loader.load(files, [{ uri: 'file:///w/refs.bib', namedBy: 'setting', format: 'bibtex' }]);
    assert.deepStrictEqual(loaded, { ids: ['file:///w/refs.bib'], problems: [] });
    assert.deepStrictEqual(given[0].references.map((reference) => [reference.key, reference.item.title, reference.item.author?.[0]?.family]), [
      ['smith2020', 'Burns', 'Müller'],
      ['jones2021', 'Niches', undefined],
    ]);
    assert.deepStrictEqual(loader.problemsIn('file:///w/refs.bib').map((problem) => [problem.code, problem.location.line]), [['bad-entry', 1]]);
    // Unchanged on disk: not read again.
    await loader.load(files, [{ uri: 'file:///w/refs.bib', namedBy: 'setting', format: 'bibtex' }]);
    assert.strictEqual(given.length, 1);
  });
});
