/** duplicate-key: a cited key two of the document's bibliographies define as different papers (the first named is used). */
import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Reference } from '../../server/src/core/knowledge/model';
import { service } from './support';
import { lint, messageText } from './rulesSupport';
import { shadowedEntries, shadowedEntryMessage } from '../../server/src/core/features/duplicateKeys';

const first = 'file:///w/refs.bib';
const second = 'file:///w/extra.bib';
const sourceOf = (id: string) => ({ kind: 'bibliography' as const, id, label: id.slice('file:///w/'.length) });

function entry(id: string, key: string, line: number, item: Partial<Reference['item']>): Reference {
  return { source: sourceOf(id), key, item: { id: key, ...item }, location: { uri: id, line, character: 0 } };
}

describe('rules: duplicate-key across two bibliographies', () => {
  before(() => {
    service().setBibliography({
      source: sourceOf(first),
      references: [
        entry(first, 'smith2020', 0, { title: 'Conditioned medium in burns', issued: { 'date-parts': [[2020]] } }),
        entry(first, 'lee2019', 7, { title: 'Isolating extracellular vesicles', DOI: '10.5555/fixture.1', issued: { 'date-parts': [[2019]] } }),
        entry(first, 'kim2018', 14, { title: 'Vesicles in the skin', issued: { 'date-parts': [[2018]] } }),
      ],
    });
    service().setBibliography({
      source: sourceOf(second),
      references: [
        entry(second, 'smith2020', 3, { title: 'A different paper under the same key', issued: { 'date-parts': [[2020]] } }),
        // The same paper twice: the same DOI (title written differently), or the same title and year.
        entry(second, 'lee2019', 9, { title: 'Isolating EVs', DOI: 'https://doi.org/10.5555/FIXTURE.1', issued: { 'date-parts': [[2019]] } }),
        entry(second, 'kim2018', 20, { title: 'Vesicles in the Skin.', issued: { 'date-parts': [[2018]] } }),
      ],
    });
  });
  after(() => {
    service().removeBibliography(first);
    service().removeBibliography(second);
  });

  const duplicates = (text: string, bibliographyIds: string[], language: 'markdown' | 'latex' = 'markdown') =>
    lint(text, language, { sources: { bibliographyIds } }).diagnostics.filter((d) => d.code === 'duplicate-key');

  it('warns at the citation of a key defined as different papers, naming both files and the one used', () => {
    const text = 'Burns heal faster [@smith2020; @lee2019].';
    const found = duplicates(text, [first, second]);
    assert.deepStrictEqual(
      found.map((d) => [d.severity, text.slice(d.range.start.character, d.range.end.character), messageText(d)]),
      [[DiagnosticSeverity.Warning, 'smith2020', '“smith2020” is defined in both refs.bib (line 1) and extra.bib (line 4), as different papers; the entry in refs.bib is used (the file named first).']],
    );
  });

  it('names the file used by the order the manuscript names them', () => {
    const [d] = duplicates('Burns heal faster \\cite{smith2020}.', [second, first], 'latex');
    assert.match(messageText(d!), /defined in both extra\.bib \(line 4\) and refs\.bib \(line 1\).*the entry in extra\.bib is used/);
  });

  it('says nothing for the same paper twice (same DOI, or same title and year), or for one bibliography', () => {
    assert.deepStrictEqual(duplicates('See [@lee2019] and [@kim2018].', [first, second]), []);
    assert.deepStrictEqual(duplicates('See [@smith2020].', [first]), []);
  });

  it("says nothing when the document's own \\bibitem defines the key: it wins over both files", () => {
    const text = 'Burns heal faster \\cite{smith2020}.\n\\begin{thebibliography}{9}\n\\bibitem{smith2020} A. Smith. Burns. 2020.\n\\end{thebibliography}\n';
    assert.deepStrictEqual(duplicates(text, [first, second], 'latex'), []);
  });
});

describe('duplicate-key in the bibliography file: entries a file named first shadows', () => {
  const refs = [
    entry(first, 'smith2020', 0, { title: 'Conditioned medium in burns', issued: { 'date-parts': [[2020]] } }),
    entry(first, 'lee2019', 7, { title: 'Isolating extracellular vesicles', DOI: '10.5555/fixture.1' }),
  ];
  const extra = [
    entry(second, 'smith2020', 3, { title: 'A different paper under the same key', issued: { 'date-parts': [[2020]] } }),
    entry(second, 'lee2019', 9, { title: 'Isolating EVs', DOI: '10.5555/FIXTURE.1' }),
    entry(second, 'only2022', 15, { title: 'Only here' }),
  ];
  const lookup = (id: string, key: string) => (id === first ? refs : extra).find((reference) => reference.key === key);

  it('lists the second file’s entry of a key the first defines as another paper, with the manuscripts that name the first first', () => {
    const uses = [
      { label: 'paper.md', bibliographyIds: [first, second] },
      { label: 'book/', bibliographyIds: [first, second] },
      { label: 'other.md', bibliographyIds: [second, first] },
    ];
    const found = shadowedEntries(second, extra, uses, lookup);
    assert.deepStrictEqual(
      found.map((shadowed) => [shadowed.entry.key, shadowed.used.source.label, shadowed.by]),
      [['smith2020', 'refs.bib', ['paper.md', 'book/']]],
    );
    assert.strictEqual(
      shadowedEntryMessage(found[0]!),
      '“smith2020” is also defined in refs.bib (line 1), as a different paper, which paper.md and book/ use: they name refs.bib first, so this entry is not used there.',
    );
    // The file named first has nothing shadowed in it, for those uses; other.md names extra.bib first, shadowing refs.bib's.
    assert.deepStrictEqual(shadowedEntries(first, refs, uses.slice(0, 2), lookup), []);
    assert.deepStrictEqual(shadowedEntries(first, refs, uses, lookup).map((shadowed) => [shadowed.entry.key, shadowed.by]), [['smith2020', ['other.md']]]);
  });
});
