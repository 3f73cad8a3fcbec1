/**
 * Go to definition and find references across a manuscript of several files (the nav-* fixture projects, handed in
 * as `config.sources.project`): each key of a multi-key citation, each number of `[3, 5-7]`, the own list in
 * another chapter, Manubot tags, the review's references as a read-only view, and citations of a .bib entry.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { latexProject, markdownProject, positionOf, type FixtureProject } from './navigationProject';
import { config, service } from './support';
import { createLanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { readBibliographySource } from '../../server/src/core/sources';

/** "content/02.results.md:5 smith2020": each location by its file, 1-based line and the text it covers. */
function described(fixture: FixtureProject, locations: readonly Location[], extra: readonly TextDocument[] = []): string[] {
  return locations.map((location) => {
    const entry = [...fixture.documents].find(([, document]) => document.uri === location.uri);
    const document = entry?.[1] ?? extra.find((candidate) => candidate.uri === location.uri);
    const name = entry?.[0] ?? (location.uri === fixture.bibliographyUri ? 'bib' : location.uri);
    const text = document ? document.getText(location.range) : '';
    return `${name}:${location.range.start.line + 1}${text ? ` ${text}` : ''}`;
  });
}

describe('navigation: go to definition', () => {
  it('goes from each key of [@smith2020; @jones2021] to its own line of refs.bib', () => {
    const fixture = markdownProject();
    const intro = fixture.documents.get('content/01.introduction.md')!;
    const smith = fixture.service.findDefinition(intro, positionOf(intro, 'smith2020', 3), fixture.config);
    const jones = fixture.service.findDefinition(intro, positionOf(intro, 'jones2021', 3), fixture.config);
    assert.deepStrictEqual(smith, { uri: fixture.bibliographyUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    assert.strictEqual(jones?.uri, fixture.bibliographyUri);
    assert.strictEqual(jones?.range.start.line, fixture.bibliographyText.split('\n').findIndex((line) => line.startsWith('@article{jones2021')));
  });

  it('goes from each key of \\cite{smith2020,jones2021} in an \\input chapter to refs.bib', () => {
    const fixture = latexProject();
    const chapter = fixture.documents.get('chapters/introduction.tex')!;
    const lines = fixture.bibliographyText.split('\n');
    for (const key of ['smith2020', 'jones2021']) {
      const definition = fixture.service.findDefinition(chapter, positionOf(chapter, key, 1), fixture.config);
      assert.strictEqual(definition?.uri, fixture.bibliographyUri, key);
      assert.match(lines[definition!.range.start.line]!, new RegExp(`^@\\w+\\{${key},`));
    }
  });

  it('opens the review reference a key of the review cites as a read-only view of the entry', () => {
    const fixture = markdownProject();
    const discussion = fixture.documents.get('content/03.discussion.md')!;
    const definition = fixture.service.findDefinition(discussion, positionOf(discussion, 'tjalsma2000', 2), fixture.config);
    assert.strictEqual(definition?.uri, 'secretome-review:/reference-1.md');
    const view = fixture.service.reviewReferenceView(definition!.uri)!;
    assert.match(view, /^# \[1\] Tjalsma/);
    assert.match(view, /Reference 1 of the review\. Key: `tjalsma2000`\./);
    assert.match(view, /Cited in the review/);
    assert.strictEqual(fixture.service.reviewReferenceView('secretome-review:/reference-999.md'), undefined);
    assert.strictEqual(fixture.service.reviewReferenceView('file:///nav/reference-1.md'), undefined);
  });

  it('goes from each number of [3, 5-7] to its line of the own list in another chapter; on a range, to the number under the cursor', () => {
    const chapter = TextDocument.create('file:///nav/content/01.main.md', 'markdown', 1, 'Vesicles helped [3, 5-7].\n');
    const list = Array.from({ length: 8 }, (_, index) => `${index + 1}. Author${index + 1} A. Title ${index + 1}. J. 2020;${index + 1}:1.`).join('\n');
    const back = TextDocument.create('file:///nav/content/90.back-matter.md', 'markdown', 1, `## References\n\n${list}\n`);
    const project = { id: 'file:///nav/content/', kind: 'manubot' as const, label: 'content/', documents: [chapter, back], problems: [] };
    const settings = config({ sources: { project } });
    const at = (needle: string, shift: number) => service().findDefinition(chapter, positionOf(chapter, needle, shift), settings);
    const lineOf = (number: number) => back.getText().split('\n').findIndex((line) => line.startsWith(`${number}. `));
    assert.deepStrictEqual(at('3', 0), { uri: back.uri, range: { start: { line: lineOf(3), character: 0 }, end: { line: lineOf(3), character: 0 } } });
    assert.strictEqual(at('5-7', 0)?.range.start.line, lineOf(5));
    assert.strictEqual(at('5-7', 1)?.range.start.line, lineOf(5), 'on the dash: the first');
    assert.strictEqual(at('5-7', 2)?.range.start.line, lineOf(7));
    assert.strictEqual(at('5-7', 3)?.range.start.line, lineOf(7), 'just after the range');
  });

  it("goes from [12] in a draft on the review's numbers to the review's reference 12; from an unknown key or a DOI nowhere", () => {
    const draft = TextDocument.create('file:///nav/draft.md', 'markdown', 1, 'Secretome helped [12] and [@nobody2000] and [@doi:10.1038/nbt.3300].\n');
    assert.strictEqual(service().findDefinition(draft, positionOf(draft, '12'), config())?.uri, 'secretome-review:/reference-12.md');
    assert.strictEqual(service().findDefinition(draft, positionOf(draft, 'nobody2000'), config()), null);
    assert.strictEqual(service().findDefinition(draft, positionOf(draft, 'doi:'), config()), null);
    assert.strictEqual(service().findDefinition(draft, positionOf(draft, 'helped'), config()), null);
  });

  it('goes from @tag:x to its [@tag:x]: line in another chapter', () => {
    const chapter = TextDocument.create('file:///nav/content/02.b.md', 'markdown', 1, 'As shown [@tag:abe2020].\n');
    const other = TextDocument.create('file:///nav/content/01.a.md', 'markdown', 1, 'Intro.\n\n[@tag:abe2020]: doi:10.1038/nbt.3300\n');
    const project = { id: 'file:///nav/content/', kind: 'manubot' as const, label: 'content/', documents: [other, chapter], problems: [] };
    const definition = service().findDefinition(chapter, positionOf(chapter, 'abe2020'), config({ sources: { project } }));
    assert.strictEqual(definition?.uri, other.uri);
    assert.strictEqual(other.getText(definition!.range), '[@tag:abe2020]: doi:10.1038/nbt.3300');
  });

  it('goes from \\cite{b} to its \\bibitem{b} in the same file', () => {
    const text = 'See \\cite{alpha, beta}.\n\\begin{thebibliography}{9}\n\\bibitem{alpha} A. First.\n\\bibitem[B]{beta} B. Second.\n\\end{thebibliography}\n';
    const document = TextDocument.create('file:///nav/paper.tex', 'latex', 1, text);
    const definition = service().findDefinition(document, positionOf(document, 'beta'), config());
    assert.strictEqual(definition?.range.start.line, 3);
  });
});

describe('navigation: definition in a CSL-JSON library', () => {
  it('goes from [@doe2018] to the "id" line of its item in refs.json', () => {
    const json = '[\n  {\n    "type": "book",\n    "title": "Vesicle methods",\n    "id": "doe2018"\n  }\n]\n';
    const uri = 'file:///nav/json/refs.json';
    const nav = createLanguageService({ dataset: loadBundledDataset() });
    const reading = readBibliographySource(json, uri);
    nav.setBibliography({ source: reading.references[0]!.source, references: reading.references });
    const document = TextDocument.create('file:///nav/json/paper.md', 'markdown', 1, 'As described [@doe2018].\n');
    const definition = nav.findDefinition(document, positionOf(document, 'doe2018'), config({ sources: { bibliographyIds: [uri] } }));
    assert.deepStrictEqual(definition, { uri, range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } } });
  });
});

describe('navigation: find references', () => {
  it('lists every citation of smith2020 across the three chapters, from a citation; with the declaration when asked', () => {
    const fixture = markdownProject();
    const results = fixture.documents.get('content/02.results.md')!;
    const position = positionOf(results, 'smith2020', 2);
    assert.deepStrictEqual(described(fixture, fixture.service.findReferences(results, position, fixture.config, false)), [
      'content/01.introduction.md:8 smith2020',
      'content/01.introduction.md:9 smith2020',
      'content/02.results.md:5 smith2020',
    ]);
    assert.deepStrictEqual(described(fixture, fixture.service.findReferences(results, position, fixture.config, true)).slice(0, 2), [
      'bib:1',
      'content/01.introduction.md:8 smith2020',
    ]);
  });

  it('lists the citations of a .bib entry, asked on the .bib file', () => {
    const fixture = latexProject();
    const lines = fixture.bibliographyText.split('\n');
    const line = lines.findIndex((text) => text.startsWith('@article{jones2021'));
    const entry = fixture.service.bibliographyEntryAt(fixture.bibliographyUri, { line: line + 2, character: 4 });
    assert.strictEqual(entry?.key, 'jones2021');
    const main = fixture.documents.get('main.tex')!;
    assert.deepStrictEqual(described(fixture, fixture.service.referencesOfEntry(main, entry!, fixture.config, true)), [
      `bib:${line + 1}`,
      'chapters/introduction.tex:3 jones2021',
    ]);
    assert.strictEqual(fixture.service.bibliographyEntryAt('file:///nav/other.bib', { line: 0, character: 0 }), undefined);
  });

  it('lists every citation of [6], ranges covering it included, from a citation and from its own-list entry', () => {
    const chapter = TextDocument.create('file:///nav/numbers/01.main.md', 'markdown', 1, 'One [6]. Two [5-7]. Three [2, 8]. Four [4–6, 9].\n');
    const list = Array.from({ length: 9 }, (_, index) => `${index + 1}. Author${index + 1} A. Title. J. 2020;1:1.`).join('\n');
    const back = TextDocument.create('file:///nav/numbers/90.back.md', 'markdown', 1, `## References\n\n${list}\n`);
    const project = { id: 'file:///nav/numbers/', kind: 'manubot' as const, label: 'content/', documents: [chapter, back], problems: [] };
    const settings = config({ sources: { project } });
    const texts = (locations: Location[]) => locations.map((location) => `${location.uri === back.uri ? 'back' : 'main'} ${(location.uri === back.uri ? back : chapter).getText(location.range)}`);
    assert.deepStrictEqual(texts(service().findReferences(chapter, positionOf(chapter, '6'), settings, false)), ['main 6', 'main 5-7', 'main 4–6']);
    const fromList = service().findReferences(back, positionOf(back, '6. Author6'), settings, true);
    // The declaration first: entry 6 of the list, at its line.
    assert.deepStrictEqual(texts(fromList).slice(1), ['main 6', 'main 5-7', 'main 4–6']);
    assert.deepStrictEqual([fromList[0]!.uri, fromList[0]!.range.start], [back.uri, { line: 7, character: 0 }]);
  });

  it('does not count a key of another bibliography entry, nor a key written the same in a comment', () => {
    const fixture = latexProject();
    const methods = fixture.documents.get('chapters/methods.tex')!;
    const found = described(fixture, fixture.service.findReferences(methods, positionOf(methods, 'smith2020'), fixture.config, false));
    assert.deepStrictEqual(found, ['chapters/introduction.tex:3 smith2020', 'chapters/methods.tex:3 smith2020']);
  });
});

describe('navigation: bad input', () => {
  it('answers on [1-99999999] (expanded to nothing), an unclosed citation and a 5,000-citation chapter', () => {
    const many = Array.from({ length: 5000 }, (_, index) => `Claim ${index} [@key${index % 50}].`).join(' ');
    const text = `Absurd [1-99999999] and open [@smith2020 and ${many}\n`;
    const document = TextDocument.create('file:///nav/bad.md', 'markdown', 1, text);
    const absurd = service().findReferences(document, positionOf(document, '1-99999999', 3), config(), true);
    const unclosed = service().findDefinition(document, positionOf(document, 'smith2020'), config());
    const keyed = service().findReferences(document, positionOf(document, 'key7]'), config(), false);
    // An absurd range stands for no number (malformed-citation says so), and the review's [1] is no place in a file.
    assert.deepStrictEqual(absurd, []);
    assert.strictEqual(unclosed, null);
    assert.strictEqual(keyed.length, 100, 'key7 is cited by claims 7, 57, 107, …');
    assert.ok(keyed.every((location) => document.getText(location.range) === 'key7'));
  });
});
