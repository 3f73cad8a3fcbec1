// The CSL formatter (server/src/core/style/): reference lists in Vancouver by citeproc-js, checked against the
// review's printed reference list fact by fact; escaping; other styles; and the secretome.citationStyle setting.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import type { CslItem, Reference } from '../../server/src/core/knowledge/model';
import { KnowledgeBase } from '../../server/src/core/knowledge/knowledgeBase';
import { reviewReferences } from '../../server/src/core/knowledge/reviewSource';
import { parseManuscript } from '../../server/src/core/manuscript';
import { readBibtex } from '../../server/src/core/sources/bibtex';
import {
  bundledStyles,
  CitationStyleError,
  createReferenceFormatter,
  escapeLatex,
  escapeMarkdown,
  resolveCitationStyle,
} from '../../server/src/core/style';
import { configFromSettings } from '../../server/src/settings';
import { MemoryWorkspace } from './memoryWorkspace';
import localeFile from '../../data/csl/locale-en-US.json';
import styleFile from '../../data/csl/vancouver.json';

const review = reviewReferences(loadBundledDataset());
const vancouver = createReferenceFormatter(bundledStyles.vancouver);

function reviewReference(number: number): Reference {
  const reference = review.find((candidate) => candidate.number === number);
  assert.ok(reference, `review reference ${number}`);
  return reference;
}

const bibliography = { kind: 'bibliography' as const, id: 'file:///w/refs.bib', label: 'refs.bib' };

function reference(item: Omit<CslItem, 'id'> & { id?: string }): Reference {
  const id = item.id ?? 'key';
  return { source: bibliography, key: id, item: { ...item, id } };
}

/** The facts of a reference: named authors, whether the list goes on ("et al"), title, journal, year, volume, issue, pages, DOI. */
interface Facts {
  authors: string[];
  moreAuthors: boolean;
  title: string;
  journal: string;
  year: string;
  volume: string;
  issue?: string;
  pages: { first: number; last: number };
  doi?: string;
}

/** "541–552", "541-52", "244–58": the first and last page, an abbreviated last page completed from the first. */
function pageRange(written: string): { first: number; last: number } {
  const match = /^(\d+)\s*[-–—]\s*(\d+)$/.exec(written.trim());
  assert.ok(match, `a page range: ${written}`);
  const [first, shortLast] = [match[1], match[2]];
  const last = shortLast.length < first.length ? first.slice(0, first.length - shortLast.length) + shortLast : shortLast;
  return { first: Number(first), last: Number(last) };
}

/** Names as "Family Initials", split at commas and "and"; a trailing "et al" is a fact of its own. */
function namesOf(list: string): { authors: string[]; moreAuthors: boolean } {
  const parts = list.split(/\s*,\s*|\s+and\s+/).map((part) => part.trim()).filter(Boolean);
  const moreAuthors = /^et al\.?$/.test(parts[parts.length - 1] ?? '');
  return { authors: moreAuthors ? parts.slice(0, -1) : parts, moreAuthors };
}

/** The review's printed entry: "- [n]. Authors (year) Title. *Journal*. volume(issue): pages." (test/fixtures). */
function printedFacts(number: number): Facts {
  const line = fs
    .readFileSync(path.join(__dirname, '../fixtures/review-references.md'), 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(`- [${number}]. `));
  assert.ok(line, `printed reference ${number}`);
  const match = /^- \[\d+\]\. (.+?) \((\d{4})\) (.+?)\.? \*(.+?)\*\.? (\d+)(?:\((\d+)\))?\s*:\s*([\d–-]+)\.?$/.exec(line);
  assert.ok(match, `printed reference ${number} has the review's shape: ${line}`);
  const [, authors, year, title, journal, volume, issue, pages] = match;
  return { ...namesOf(authors), title, journal, year, volume, issue, pages: pageRange(pages), doi: /doi/i.test(line) ? line : undefined };
}

/** A Vancouver (NLM) journal entry: "Authors. Title. Journal. Year;Volume(Issue):Pages. doi:…" */
function vancouverFacts(entry: string): Facts {
  const match = /^(.+?)\. (.+?)\. (.+?)\. (\d{4});(\d+)(?:\((\d+)\))?:([\d–-]+)\.(?: doi:(\S+?)\.?)?$/.exec(entry);
  assert.ok(match, `a Vancouver journal entry: ${entry}`);
  const [, authors, title, journal, year, volume, issue, pages, doi] = match;
  return { ...namesOf(authors), title, journal, year, volume, issue, pages: pageRange(pages), doi };
}

describe('CSL style: the reference list in Vancouver (citeproc-js)', () => {
  it('writes a draft citing [45], [11-13] as a list in citation order whose facts match the review\'s printed references', () => {
    const cited = [45, 11, 12, 13].map(reviewReference);
    const entries = vancouver.formatList(cited);
    assert.strictEqual(entries.length, 4);
    [45, 11, 12, 13].forEach((number, index) => {
      const printed = printedFacts(number);
      const written = vancouverFacts(entries[index]);
      assert.deepStrictEqual(written.authors, printed.authors, `[${number}] authors`);
      assert.strictEqual(written.moreAuthors, printed.moreAuthors, `[${number}] et al`);
      assert.strictEqual(written.title, printed.title, `[${number}] title`);
      // NLM drops the periods of abbreviated journal titles ("Clin. Cancer Res" → "Clin Cancer Res").
      assert.strictEqual(written.journal, printed.journal.replace(/\./g, ''), `[${number}] journal`);
      assert.strictEqual(written.year, printed.year, `[${number}] year`);
      assert.strictEqual(written.volume, printed.volume, `[${number}] volume`);
      assert.strictEqual(written.issue, printed.issue, `[${number}] issue`);
      assert.deepStrictEqual(written.pages, printed.pages, `[${number}] pages`);
      // The review prints no DOI for these, so none is written: nothing is invented.
      assert.strictEqual(printed.doi, undefined, `[${number}] printed DOI`);
      assert.strictEqual(written.doi, undefined, `[${number}] DOI`);
    });
  });

  it('from a draft\'s text: the references its citations resolve to, in order of first use, in Vancouver', () => {
    const draft = 'Purifying the secretome is still hard [45]. Its therapeutic potential spans many organs [11-13], as [45] notes.\n';
    const manuscript = parseManuscript(draft, 'markdown');
    const firstUse = [...new Set(manuscript.citations.flatMap((citation) => citation.numbers))];
    assert.deepStrictEqual(firstUse, [45, 11, 12, 13]);
    const scope = KnowledgeBase.create(loadBundledDataset()).scopeFor({ bibliographyIds: [] });
    const entries = vancouver.formatList(firstUse.map((number) => scope.resolveNumber(number)!));
    firstUse.forEach((number, index) => {
      const printed = printedFacts(number);
      const written = vancouverFacts(entries[index]);
      assert.deepStrictEqual([written.authors, written.moreAuthors, written.title, written.year], [printed.authors, printed.moreAuthors, printed.title, printed.year], `[${number}]`);
    });
  });

  it('writes entries as Vancouver does: six authors then "et al.", initials without periods, year;volume(issue):pages', () => {
    const [caseiro, ranganath] = vancouver.formatList([reviewReference(45), reviewReference(13)]);
    assert.ok(caseiro.startsWith('Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al. Mesenchymal Stem/Stromal'), caseiro);
    assert.ok(caseiro.endsWith('PLoS ONE. 2019;14(11):1–33.'), caseiro);
    assert.strictEqual(
      ranganath,
      'Ranganath SH, Levy O, Inamdar MS, Karp JM. Harnessing the mesenchymal stem cell secretome for the treatment of cardiovascular disease. Cell Stem Cell. 2012;10:244–58.',
    );
  });

  it('leaves the number to the caller and keeps the order it is given', () => {
    const numbers = [13, 45, 1, 54];
    const entries = vancouver.formatList(numbers.map(reviewReference));
    for (const entry of entries) assert.doesNotMatch(entry, /^\s*[[(]?\d+[\].)]?\s/, entry);
    assert.deepStrictEqual(
      entries.map((entry) => entry.split(/\s/)[0]),
      numbers.map((number) => reviewReference(number).item.author?.[0].family),
    );
  });

  it('writes one entry the same way as in a list', () => {
    const list = vancouver.formatList([reviewReference(11), reviewReference(12)]);
    assert.strictEqual(vancouver.formatOne(reviewReference(12)), list[1]);
    assert.strictEqual(vancouver.formatOne(reviewReference(11)), list[0]);
  });

  it('caps a long author list at six and "et al.", and writes a DOI it is given', () => {
    const authors = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'].map((family) => ({ family, given: 'J.' }));
    const [entry] = vancouver.formatList([
      reference({ author: authors, title: 'A title', 'container-title': 'J Test', issued: { 'date-parts': [[2021]] }, volume: '3', page: '10-19', DOI: '10.1000/xyz123' }),
    ]);
    assert.strictEqual(entry, 'Alpha J, Beta J, Gamma J, Delta J, Epsilon J, Zeta J, et al. A title. J Test. 2021;3:10–9. doi:10.1000/xyz123');
  });

  it('says "et al." for a source whose author list went on, even with fewer than six names', () => {
    const item = { author: [{ family: 'Celis', given: 'J. E.' }, { family: 'Gromov', given: 'P.' }], title: 'T', 'container-title': 'J', issued: { 'date-parts': [[2004]] } };
    assert.match(vancouver.formatOne(reference({ ...item, moreAuthors: true })), /^Celis JE, Gromov P, et al\. T\./);
    assert.match(vancouver.formatOne(reference(item)), /^Celis JE, Gromov P\. T\./);
  });

  it('writes a BibTeX entry\'s "and others" as "et al."', () => {
    const bibtex = '@article{smith2021,\n  author = {Smith, Jane and Doe, John and others},\n  title = {Conditioned medium in wound healing},\n  journal = {Wound Repair Regen},\n  year = {2021},\n  volume = {29},\n  pages = {100--110}\n}\n';
    const { references } = readBibtex(bibtex, 'file:///w/refs.bib');
    assert.strictEqual(references.length, 1);
    assert.strictEqual(vancouver.formatOne(references[0]), 'Smith J, Doe J, et al. Conditioned medium in wound healing. Wound Repair Regen. 2021;29:100–10.');
  });

  it('is deterministic, and a changed reference is written anew', () => {
    const cited = [45, 11, 12, 13].map(reviewReference);
    assert.deepStrictEqual(vancouver.formatList(cited), vancouver.formatList(cited));
    assert.deepStrictEqual(createReferenceFormatter(bundledStyles.vancouver).formatList(cited), vancouver.formatList(cited));
    const before = reference({ title: 'First title', 'container-title': 'J', issued: { 'date-parts': [[2020]] } });
    const after = reference({ title: 'Second title', 'container-title': 'J', issued: { 'date-parts': [[2020]] } });
    assert.match(vancouver.formatOne(before), /^First title\./);
    assert.match(vancouver.formatOne(after), /^Second title\./);
    assert.match(vancouver.formatList([after])[0], /^Second title\./);
  });

  it('writes the entry as written when it has nothing citeproc can print', () => {
    const listEntry: Reference = {
      source: { kind: 'manuscript-list', id: 'file:///w/paper.md', label: "the manuscript's reference list" },
      key: '3',
      number: 3,
      item: { id: '3', note: 'Personal communication, lab meeting' },
    };
    assert.strictEqual(vancouver.formatOne(listEntry), 'Personal communication, lab meeting');
    assert.deepStrictEqual(vancouver.formatList([]), []);
  });
});

describe('CSL style: escaping for the document', () => {
  const starred = reference({ title: 'The *miR-21* effect on snake_case genes and _Bacillus_ & 50% of $x$ #1 {a}', 'container-title': 'J', issued: { 'date-parts': [[2020]] } });

  it('escapes Markdown emphasis characters by default and keeps an underscore inside a word', () => {
    const entry = vancouver.formatOne(starred);
    assert.match(entry, /^The \\\*miR-21\\\* effect on snake_case genes and \\_Bacillus\\_ & 50% of \$x\$ #1 \{a\}\./);
    assert.strictEqual(vancouver.formatOne(starred, 'text').slice(0, 20), 'The *miR-21* effect ');
  });

  it('escapes the LaTeX special characters for a LaTeX document', () => {
    const [entry] = vancouver.formatList([starred], 'latex');
    assert.match(entry, /^The \*miR-21\* effect on snake\\_case genes and \\_Bacillus\\_ \\& 50\\% of \\\$x\\\$ \\#1 \\\{a\\\}\./);
  });

  it('escapes what each format needs and nothing else', () => {
    assert.strictEqual(escapeMarkdown('a*b _c_ d_e \\* f'), 'a\\*b \\_c\\_ d_e \\\\\\* f');
    assert.strictEqual(escapeLatex('R&D 5% $3 #2 a_b {x} ~ ^ \\'), 'R\\&D 5\\% \\$3 \\#2 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });
});

/** A small numeric style of our own, written inline: "[n] Family Initials. Title (year)." without second-field-align. */
const bracketStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test brackets</title><id>test-brackets</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <text variable="citation-number" prefix="[" suffix="] "/>
      <names variable="author"><name initialize-with="" name-as-sort-order="all" sort-separator=" "/></names>
      <text variable="title" prefix=". "/>
      <date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>`;

/** An author-date style of our own that sorts its bibliography by author. */
const sortingStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test sorted</title><id>test-sorted</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name form="short"/></names></layout></citation>
  <bibliography>
    <sort><key variable="author"/></sort>
    <layout>
      <names variable="author"><name name-as-sort-order="all"/></names>
      <text variable="title" prefix=": "/>
    </layout>
  </bibliography>
</style>`;

describe('CSL style: other styles', () => {
  const zeta = reference({ id: 'z', author: [{ family: 'Zeta', given: 'Anna' }], title: 'Last by name', issued: { 'date-parts': [[2001]] } });
  const alpha = reference({ id: 'a', author: [{ family: 'Alpha', given: 'Bo' }], title: 'First by name', issued: { 'date-parts': [[2002]] } });

  it('takes off an inline "[n] " number a style writes without second-field-align', () => {
    const formatter = createReferenceFormatter({ name: 'brackets.csl', xml: bracketStyle });
    assert.deepStrictEqual(formatter.formatList([zeta, alpha]), ['Zeta A. Last by name (2001).', 'Alpha B. First by name (2002).']);
  });

  it('takes off the number when a numeric style writes it from a macro', () => {
    const throughMacro = bracketStyle
      .replace('<info>', '<info><category citation-format="numeric"/>')
      .replace('<citation>', '<macro name="number"><text variable="citation-number" prefix="[" suffix="] "/></macro><citation>')
      .replace('<text variable="citation-number" prefix="[" suffix="] "/>\n      <names', '<text macro="number"/>\n      <names');
    assert.match(throughMacro, /<text macro="number"\/>/);
    const formatter = createReferenceFormatter({ name: 'macro.csl', xml: throughMacro });
    assert.deepStrictEqual(formatter.formatList([zeta, alpha]), ['Zeta A. Last by name (2001).', 'Alpha B. First by name (2002).']);
  });

  it('returns a sorting style\'s entries in the order given, not the style\'s', () => {
    const formatter = createReferenceFormatter({ name: 'sorted.csl', xml: sortingStyle });
    assert.deepStrictEqual(formatter.formatList([zeta, alpha]), ['Zeta, Anna: Last by name', 'Alpha, Bo: First by name']);
  });

  it('writes English terms for a style or caller asking for a language that is not bundled', () => {
    const german = bundledStyles.vancouver.xml.replace('<style ', '<style default-locale="de-DE" ');
    const item = reference({ author: [{ family: 'Müller', given: 'Thomas' }], title: 'Titel', 'container-title': 'J', issued: { 'date-parts': [[2021, 3]] } });
    assert.strictEqual(createReferenceFormatter({ name: 'german.csl', xml: german }).formatOne(item), 'Müller T. Titel. J. March 2021.');
    assert.strictEqual(createReferenceFormatter(bundledStyles.vancouver, 'fr-FR').formatOne(item), 'Müller T. Titel. J. Mar 2021.');
  });

  it('refuses what is not a usable CSL style with a message naming it', () => {
    const cases: Array<[string, RegExp]> = [
      ['not xml at all', /bad\.csl is not a CSL style/],
      ['<style xmlns="http://purl.org/net/xbiblio/csl"><info><title>x</title></info><citation><layout/></citation></style>', /bad\.csl has no <bibliography> element/],
      [
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n<citation><layout><text variable="title"/></citation>\n<bibliography><layout></bibliography></style>',
        /^bad\.csl is not well-formed XML \(line 2: <\/citation> closes <layout> \(opened on line 2\)\)\.$/,
      ],
      [
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><citation><layout/></citation><bibliography><layout><bogus/></layout></bibliography></style>',
        /^bad\.csl could not be read as a CSL style \(citeproc-js error: Undefined node name "bogus"\.\)\.$/,
      ],
    ];
    for (const [xml, message] of cases) {
      assert.throws(
        () => createReferenceFormatter({ name: 'bad.csl', xml }),
        (error: unknown) => error instanceof CitationStyleError && message.test(error.message),
        xml.slice(0, 40),
      );
    }
  });
});

const workspace = 'file:///work';

describe('CSL style: the secretome.citationStyle setting', () => {
  it('is vancouver by default, read from the settings, trimmed', () => {
    assert.strictEqual(resolveConfig().citationStyle, 'vancouver');
    assert.strictEqual(configFromSettings({ citationStyle: ' styles/brackets.csl ' }).citationStyle, 'styles/brackets.csl');
    assert.strictEqual(configFromSettings({ citationStyle: 42 }).citationStyle, 'vancouver');
    assert.strictEqual(configFromSettings({ citationStyle: '' }).citationStyle, 'vancouver');
  });

  it('names a bundled style, in any case, without reading a file', async () => {
    const files = new MemoryWorkspace({});
    for (const setting of [undefined, 'vancouver', 'Vancouver']) {
      const resolved = await resolveCitationStyle(setting, workspace, files);
      assert.strictEqual(resolved.problem, undefined);
      assert.strictEqual(resolved.formatter.styleName, 'vancouver');
    }
    assert.deepStrictEqual(files.reads, []);
  });

  it('reads a workspace-relative .csl file through the workspace file system', async () => {
    const files = new MemoryWorkspace({ '/work/styles/brackets.csl': bracketStyle });
    const resolved = await resolveCitationStyle('styles/brackets.csl', workspace, files);
    assert.strictEqual(resolved.problem, undefined);
    assert.strictEqual(resolved.formatter.styleName, 'styles/brackets.csl');
    assert.deepStrictEqual(files.reads, ['/work/styles/brackets.csl']);
    assert.deepStrictEqual(resolved.formatter.formatList([reviewReference(13)]), ['Ranganath SH, Levy O, Inamdar MS, Karp JM. Harnessing the mesenchymal stem cell secretome for the treatment of cardiovascular disease (2012).']);
  });

  it('refuses a path outside the workspace before reading it, and falls back to Vancouver', async () => {
    const files = new MemoryWorkspace({ '/elsewhere/evil.csl': bracketStyle, '/work/a.md': '' });
    for (const setting of ['../elsewhere/evil.csl', '/elsewhere/evil.csl', 'styles/../../elsewhere/evil.csl']) {
      const resolved = await resolveCitationStyle(setting, workspace, files);
      assert.strictEqual(resolved.problem?.reason, 'outside-workspace', setting);
      assert.match(resolved.problem.message, /outside the workspace folder.*uses Vancouver instead/);
      assert.strictEqual(resolved.formatter.styleName, 'vancouver');
    }
    assert.deepStrictEqual(files.reads, []);
  });

  it('falls back to Vancouver with a clear message for a missing file, a malformed style, or an unknown name', async () => {
    const files = new MemoryWorkspace({ '/work/broken.csl': '<style xmlns="http://purl.org/net/xbiblio/csl"><citation>' });
    const missing = await resolveCitationStyle('styles/none.csl', workspace, files);
    assert.strictEqual(missing.problem?.reason, 'not-found');
    assert.match(missing.problem.message, /^The citation style "styles\/none\.csl" could not be read: .*does not exist; the reference list uses Vancouver instead\.$/);
    const broken = await resolveCitationStyle('broken.csl', workspace, files);
    assert.strictEqual(broken.problem?.reason, 'malformed-style');
    assert.strictEqual(
      broken.problem.message,
      'The citation style "broken.csl" is not a usable CSL style: broken.csl is not well-formed XML (line 1: <citation> is never closed); the reference list uses Vancouver instead.',
    );
    const unknown = await resolveCitationStyle('apa', workspace, files);
    assert.strictEqual(unknown.problem?.reason, 'not-a-csl-file');
    assert.match(unknown.problem.message, /"apa" is neither a bundled style \(vancouver\) nor a path to a \.csl file/);
    for (const resolved of [missing, broken, unknown]) {
      assert.strictEqual(resolved.formatter.styleName, 'vancouver');
      assert.match(resolved.formatter.formatOne(reviewReference(13)), /^Ranganath SH, Levy O, Inamdar MS, Karp JM\. /);
    }
  });

  it('reads an absolute path inside the workspace folder, a Windows drive letter in either case', async () => {
    const files = new MemoryWorkspace({ '/c:/ws/styles/brackets.csl': bracketStyle }, '/c:/ws');
    for (const setting of ['C:/ws/styles/brackets.csl', 'c:\\ws\\styles\\brackets.csl', 'styles\\brackets.csl']) {
      const resolved = await resolveCitationStyle(setting, 'file:///c%3A/ws', files);
      assert.strictEqual(resolved.problem, undefined, setting);
      assert.strictEqual(resolved.formatter.styleName, setting);
    }
    const elsewhere = await resolveCitationStyle('D:/ws/styles/brackets.csl', 'file:///c%3A/ws', files);
    assert.strictEqual(elsewhere.problem?.reason, 'outside-workspace');
  });

  it('needs a workspace folder to read a path from', async () => {
    const resolved = await resolveCitationStyle('styles/brackets.csl', undefined, new MemoryWorkspace({}));
    assert.strictEqual(resolved.problem?.reason, 'outside-workspace');
    assert.strictEqual(resolved.formatter.styleName, 'vancouver');
  });
});

describe('CSL style: the bundled files keep their licence and attribution', () => {
  it('the Vancouver style and the en-US locale carry CC BY-SA 3.0 and their authors inside the XML', () => {
    for (const xml of [styleFile.xml, localeFile.xml]) {
      assert.match(xml, /<rights license="http:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\/">/);
    }
    assert.match(styleFile.xml, /<title>NLM\/Vancouver: Citing Medicine 2nd edition \(citation-sequence\)<\/title>/);
    assert.match(styleFile.xml, /<author><name>Michael Berkowitz<\/name>/);
    assert.match(localeFile.xml, /<translator><name>Andrew Dunning<\/name>/);
    assert.match(styleFile.from, /@citation-js\/plugin-csl 0\.8\.2/);
  });
});
