import { strict as assert } from 'node:assert';
import { findCitations } from '../../server/src/core/manuscript/citations';
import { readIdentifier, type IdentifierScheme } from '../../server/src/core/manuscript/identifiers';
import { marked, slices } from './manuscriptMarkers';
import { codesOf, lint, messageText } from './rulesSupport';

interface IdentifierCase {
  key: string;
  scheme?: IdentifierScheme;
  value?: string;
  wellFormed?: boolean;
}

const wellFormed: IdentifierCase[] = [
  { key: 'doi:10.1038/nbt.3300', scheme: 'doi', value: '10.1038/nbt.3300' },
  { key: 'doi:10.1167/iovs.16-19964', scheme: 'doi', value: '10.1167/iovs.16-19964' },
  { key: 'DOI:10.1101/gr.634603', scheme: 'doi', value: '10.1101/gr.634603' },
  { key: 'pmid:20170387', scheme: 'pmid', value: '20170387' },
  { key: 'pubmed:20170387', scheme: 'pmid', value: '20170387' },
  { key: 'pmcid:PMC3041534', scheme: 'pmcid', value: 'PMC3041534' },
  { key: 'pmc:PMC4765623', scheme: 'pmcid', value: 'PMC4765623' },
  { key: 'arxiv:1407.3561', scheme: 'arxiv', value: '1407.3561' },
  { key: 'arxiv:1407.3561v1', scheme: 'arxiv', value: '1407.3561v1' },
  { key: 'arxiv:2101.00001v12', scheme: 'arxiv', value: '2101.00001v12' },
  { key: 'arxiv:hep-th/9901001', scheme: 'arxiv', value: 'hep-th/9901001' },
  { key: 'arxiv:math.GT/0309136v1', scheme: 'arxiv', value: 'math.GT/0309136v1' },
  { key: 'isbn:9780262035613', scheme: 'isbn', value: '9780262035613' },
  { key: 'isbn:978-0-262-03561-3', scheme: 'isbn', value: '978-0-262-03561-3' },
  { key: 'isbn:0306406152', scheme: 'isbn', value: '0306406152' },
  { key: 'isbn:080442957X', scheme: 'isbn', value: '080442957X' },
  { key: 'url:https://github.com/greenelab/deep-review', scheme: 'url', value: 'https://github.com/greenelab/deep-review' },
  { key: 'url:http://proceedings.mlr.press/v54/mcmahan17a.html', scheme: 'url', value: 'http://proceedings.mlr.press/v54/mcmahan17a.html' },
  { key: 'https://www.cameo3d.org', scheme: 'url', value: 'https://www.cameo3d.org' },
  { key: 'wikidata:Q50051684', scheme: 'wikidata', value: 'Q50051684' },
  { key: 'tag:Ciresan2013_mitosis', scheme: 'tag', value: 'Ciresan2013_mitosis' },
  { key: 'raw:dongbo-conversation', scheme: 'raw', value: 'dongbo-conversation' },
];

const malformed: IdentifierCase[] = [
  { key: 'doi:10.1038', scheme: 'doi' },
  { key: 'doi:10.12/abc', scheme: 'doi' },
  { key: 'doi:1038/nbt.3300', scheme: 'doi' },
  { key: 'doi:', scheme: 'doi' },
  { key: 'pmid:2017a387', scheme: 'pmid' },
  { key: 'pmid:0123', scheme: 'pmid' },
  { key: 'pmcid:3041534', scheme: 'pmcid' },
  { key: 'arxiv:1407.35', scheme: 'arxiv' },
  { key: 'arxiv:14073561', scheme: 'arxiv' },
  { key: 'isbn:9780262035614', scheme: 'isbn' },
  { key: 'isbn:0306406153', scheme: 'isbn' },
  { key: 'isbn:12345', scheme: 'isbn' },
  { key: 'url:www.example.org/page', scheme: 'url' },
  { key: 'url:ftp://example.org/file', scheme: 'url' },
  { key: 'url:https://intranet', scheme: 'url' },
  { key: 'wikidata:50051684', scheme: 'wikidata' },
];

const notIdentifiers = ['caseiro2019', 'smith:2020', 'fig:flow', 'Vizoso2017', 'sec:methods'];

describe('manuscript: persistent identifiers as citation keys', () => {
  for (const testCase of wellFormed) {
    it(`${testCase.key} is a well-formed ${testCase.scheme}`, () => {
      const identifier = readIdentifier(testCase.key);
      assert.deepEqual(identifier, { scheme: testCase.scheme, value: testCase.value, wellFormed: true });
    });
  }
  for (const testCase of malformed) {
    it(`${testCase.key} is a malformed ${testCase.scheme}, with a reason`, () => {
      const identifier = readIdentifier(testCase.key);
      assert.equal(identifier?.scheme, testCase.scheme);
      assert.equal(identifier?.wellFormed, false);
      assert.ok(identifier?.problem && identifier.problem.length > 10, identifier?.problem);
    });
  }
  for (const key of notIdentifiers) {
    it(`${key} is an ordinary key, not an identifier`, () => {
      assert.equal(readIdentifier(key), undefined);
    });
  }
});

interface CitedCase {
  input: string;
  /** Identifier entries as written (without @), in order; entries between « and » in the input. */
  identifiers: string[];
  keys: string[];
  /** Problems per identifier entry, `-` for none. */
  problems?: string[];
}

const citedCases: CitedCase[] = [
  { input: 'Deep learning [@«doi:10.1038/nbt.3300»] helps.', identifiers: ['doi:10.1038/nbt.3300'], keys: [] },
  { input: 'Many [@«doi:10.1038/nbt.3300»; @«tag:Abe»; @«arxiv:1407.3561v1»].', identifiers: ['doi:10.1038/nbt.3300', 'tag:Abe', 'arxiv:1407.3561v1'], keys: [] },
  { input: 'Mixed [@caseiro2019; @«pmid:20170387»].', identifiers: ['pmid:20170387'], keys: ['caseiro2019'] },
  { input: 'A URL [@«url:https://eprint.iacr.org/2017/281.pdf»].', identifiers: ['url:https://eprint.iacr.org/2017/281.pdf'], keys: [] },
  { input: 'A slash [@«url:https://www.cameo3d.org/»].', identifiers: ['url:https://www.cameo3d.org/'], keys: [] },
  { input: 'Underscores [@«url:http://ana.blogs.com/maestros/2006/11/data_is_the_new.html»].', identifiers: ['url:http://ana.blogs.com/maestros/2006/11/data_is_the_new.html'], keys: [] },
  { input: 'Author in text @«doi:10.1038/nbt.3300» showed it.', identifiers: ['doi:10.1038/nbt.3300'], keys: [] },
  { input: 'At the end of a sentence @«pmcid:PMC3041534».', identifiers: ['pmcid:PMC3041534'], keys: [] },
  { input: 'Locator [@«doi:10.1038/nbt.3300», p. 3].', identifiers: ['doi:10.1038/nbt.3300'], keys: [] },
  { input: 'Malformed [@«doi:10.1038»].', identifiers: ['doi:10.1038'], keys: [], problems: ['malformed-identifier'] },
  { input: 'Parentheses [@«doi:10.1016/S0022-2836»(05)80360-2].', identifiers: ['doi:10.1016/S0022-2836'], keys: [], problems: ['malformed-identifier'] },
  { input: 'Braced [@{«url:https://openreview.net/forum?id=HkwoSDPgg»}].', identifiers: ['url:https://openreview.net/forum?id=HkwoSDPgg'], keys: [] },
  { input: 'Braced DOI [@{«doi:10.1016/S0022-2836(05)80360-2»}; @plain].', identifiers: ['doi:10.1016/S0022-2836(05)80360-2'], keys: ['plain'] },
  { input: 'Braced bare @{«doi:10.1038/nbt.3300»} here.', identifiers: ['doi:10.1038/nbt.3300'], keys: [] },
  { input: 'A query cut [@«url:https://openreview.net/forum?id»=HkwoSDPgg].', identifiers: ['url:https://openreview.net/forum?id'], keys: [], problems: ['malformed-identifier'] },
  { input: "Possessive @«doi:10.1038/nbt.3300»'s authors.", identifiers: ['doi:10.1038/nbt.3300'], keys: [] },
  { input: 'Twice [@«doi:10.1038/nbt.3300»; @«doi:10.1038/nbt.3300»].', identifiers: ['doi:10.1038/nbt.3300', 'doi:10.1038/nbt.3300'], keys: [], problems: ['-', 'duplicate'] },
];

describe('manuscript: identifiers in Pandoc citations', () => {
  for (const testCase of citedCases) {
    it(testCase.input, () => {
      const { text, spans } = marked(testCase.input);
      const citations = findCitations(text, 'markdown');
      const entries = citations.flatMap((citation) => citation.entries.filter((entry) => entry.kind === 'identifier'));
      assert.deepEqual(entries.map((entry) => entry.text), testCase.identifiers);
      assert.deepEqual(slices(text, entries), slices(text, spans));
      assert.deepEqual(citations.flatMap((citation) => citation.keys), testCase.keys);
      const problems = entries.map((entry) => entry.problem ?? '-');
      assert.deepEqual(problems, testCase.problems ?? entries.map(() => '-'));
      for (const entry of entries) assert.equal(entry.identifier?.wellFormed, entry.problem !== 'malformed-identifier');
    });
  }
});

describe('rules: identifiers', () => {
  it('a DOI with parentheses: the reason says how to write it', () => {
    const { diagnostics } = lint('Folding [@doi:10.1016/S0022-2836(05)80360-2] matters.', 'markdown');
    const found = diagnostics.filter((diagnostic) => diagnostic.code === 'malformed-citation');
    assert.equal(found.length, 1);
    assert.match(messageText(found[0]!), /@\{doi:10\.1016\/S0022-2836\(05\)80360-2\}.*\[@tag:name\]: doi:10\.1016\/S0022-2836\(05\)80360-2/);
  });
  it('a Pandoc span with attributes is no empty citation', () => {
    const { diagnostics } = lint('[]{.fas .fa-info-circle} **Updated** and [note]{#n1} text.', 'markdown');
    assert.deepEqual(codesOf(diagnostics).filter((code) => code.endsWith('citation')), []);
  });
  it('a doubled separator in a Manubot citation is an empty entry', () => {
    const { document, diagnostics } = lint('Methods exist [@tag:Selvaraju2016_grad;; @tag:Sundararajan2017_axiomatic].', 'markdown');
    const found = diagnostics.filter((diagnostic) => diagnostic.code === 'malformed-citation');
    assert.deepEqual(found.map((diagnostic) => messageText(diagnostic)), ['This citation has an empty entry.']);
    assert.ok(document.getText(found[0]!.range).length <= 80);
  });
  it('a well-formed identifier is neither an unknown nor a malformed citation', () => {
    const { diagnostics } = lint('Networks predict binding [@doi:10.1038/nbt.3300; @pmid:20170387].', 'markdown');
    assert.deepEqual(codesOf(diagnostics).filter((code) => code.endsWith('citation')), []);
  });
  it('a tag is unknown unless a `[@tag:x]: …` line of the manuscript or its project defines it', () => {
    const text = 'Networks predict binding [@doi:10.1038/nbt.3300; @tag:Abe].';
    const { document, diagnostics } = lint(text, 'markdown');
    const unknown = diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-citation');
    assert.deepEqual(unknown.map((diagnostic) => document.getText(diagnostic.range)), ['tag:Abe']);
    assert.equal(messageText(unknown[0]!), 'No `[@tag:Abe]: …` line defines this tag in the manuscript or its project.');
    const defined = lint(`${text}\n\n[@tag:Abe]: doi:10.1101/gr.634603\n`, 'markdown');
    assert.deepEqual(codesOf(defined.diagnostics).filter((code) => code.endsWith('citation')), []);
    const inProject = lint(text, 'markdown', { sources: { projectKeys: ['tag:Abe'] } });
    assert.deepEqual(codesOf(inProject.diagnostics).filter((code) => code.endsWith('citation')), []);
  });
  it('a malformed identifier is a malformed citation, underlined, with the reason', () => {
    const { document, diagnostics } = lint('Networks predict binding [@pmid:2017a387].', 'markdown');
    const found = diagnostics.filter((diagnostic) => diagnostic.code === 'malformed-citation');
    assert.equal(found.length, 1);
    assert.equal(document.getText(found[0]!.range), 'pmid:2017a387');
    assert.match(messageText(found[0]!), /not a well-formed pmid.*PubMed ID/);
  });
});
