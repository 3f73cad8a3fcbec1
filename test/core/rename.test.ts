/**
 * Rename a citation key across the project's files and its bibliography entry; what cannot be renamed is refused
 * with a message saying why (a number, an identifier, a review key, an undefined key, a bad or taken new name).
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bibliographyKeyEdit, invalidKey, type RenamePlan } from '../../server/src/core/features/rename';
import { readBibliographySource } from '../../server/src/core/sources';
import { latexProject, markdownProject, positionOf, type FixtureProject } from './navigationProject';
import { config, service } from './support';

function applied(document: TextDocument, edits: RenamePlan['edits'][number]['edits']): string {
  return TextDocument.applyEdits(document, edits);
}

function plan(fixture: FixtureProject, file: string, needle: string, newName: string): RenamePlan {
  const document = fixture.documents.get(file)!;
  const result = fixture.service.planRename(document, positionOf(document, needle, 1), newName, fixture.config);
  if ('refused' in result) throw new Error(result.refused);
  return result;
}

describe('rename: a citation key across the project', () => {
  it('renames smith2020 in all three Markdown chapters and names the refs.bib entry to rename', () => {
    const fixture = markdownProject();
    const result = plan(fixture, 'content/02.results.md', 'smith2020', 'smith2020burns');
    assert.deepStrictEqual(
      result.edits.map((file) => [file.uri.replace(/^.*\/content\//, ''), file.edits.length]),
      [
        ['01.introduction.md', 2],
        ['02.results.md', 1],
      ],
    );
    const intro = fixture.documents.get('content/01.introduction.md')!;
    assert.match(applied(intro, result.edits[0]!.edits), /\[@smith2020burns; @jones2021\]\.\nEarlier work reached the same conclusion \[@smith2020burns\]\./);
    assert.strictEqual(result.definition?.key, 'smith2020');
    const keyEdit = bibliographyKeyEdit(fixture.bibliographyText, result.definition!, result.newName);
    assert.ok(!('refused' in keyEdit));
    const renamedBib = TextDocument.applyEdits(TextDocument.create(fixture.bibliographyUri, 'bibtex', 1, fixture.bibliographyText), [keyEdit]);
    assert.match(renamedBib, /^@article\{smith2020burns,\n/);
    // The renamed file reads back with the new key and the same fields.
    const reread = readBibliographySource(renamedBib, fixture.bibliographyUri).references.map((reference) => reference.key);
    assert.deepStrictEqual(reread, ['smith2020burns', 'jones2021', 'lee2019']);
  });

  it('renames a key of \\cite{smith2020,jones2021} in both \\input chapters', () => {
    const fixture = latexProject();
    const result = plan(fixture, 'chapters/methods.tex', 'smith2020', 'Smith-2020');
    const chapter = fixture.documents.get('chapters/introduction.tex')!;
    const intro = result.edits.find((file) => file.uri === chapter.uri)!;
    assert.match(applied(chapter, intro.edits), /\\cite\{Smith-2020,jones2021\}/);
    assert.strictEqual(result.edits.length, 2);
  });

  it('prepareRename gives the key and its range, or refuses numbers, identifiers, review keys and undefined keys with a reason', () => {
    const fixture = markdownProject();
    const intro = fixture.documents.get('content/01.introduction.md')!;
    const prepared = fixture.service.prepareRename(intro, positionOf(intro, 'jones2021', 4), fixture.config);
    assert.ok('range' in prepared);
    assert.strictEqual(intro.getText(prepared.range), 'jones2021');
    assert.strictEqual(prepared.placeholder, 'jones2021');

    const discussion = fixture.documents.get('content/03.discussion.md')!;
    const review = fixture.service.prepareRename(discussion, positionOf(discussion, 'tjalsma2000'), fixture.config);
    assert.match('refused' in review ? review.refused : '', /key of the review's references.*not yours to rename/);

    const draft = TextDocument.create('file:///rename/draft.md', 'markdown', 1, 'Text [12] and [@doi:10.1038/nbt.3300] and [@ghost2001] here.\n');
    const refusal = (needle: string) => {
      const result = service().prepareRename(draft, positionOf(draft, needle, 1), config());
      return 'refused' in result ? result.refused : `accepted ${JSON.stringify(result)}`;
    };
    assert.match(refusal('12'), /\[12\] cites an entry by its number/);
    assert.match(refusal('doi:'), /persistent identifier/);
    assert.match(refusal('ghost2001'), /defined in no bibliography/);
    assert.match(refusal('here'), /cursor is on none/);
  });

  it('refuses a new name that is not a key, that looks like an identifier, or that another entry has', () => {
    const fixture = markdownProject();
    const results = fixture.documents.get('content/02.results.md')!;
    const refused = (newName: string) => {
      const result = fixture.service.planRename(results, positionOf(results, 'lee2019', 1), newName, fixture.config);
      return 'refused' in result ? result.refused : 'accepted';
    };
    assert.match(refused('lee 2019'), /not a valid citation key/);
    assert.match(refused('lee{2019}'), /not a valid citation key/);
    assert.match(refused(''), /cannot be empty/);
    assert.match(refused('doi:10.1/x'), /persistent identifier/);
    assert.match(refused('jones2021'), /already the key of another reference \(refs\.bib, line 8\)/);
    assert.match(refused('JONES2021'), /already the key/, 'BibTeX keys are case-insensitive');
    assert.match(refused('tjalsma2000'), /already the key of another reference \(the review\)/);
    assert.strictEqual(refused('Lee2019'), 'accepted', 'a change of case of its own key');
    assert.strictEqual(invalidKey('lee_2019:a.b/c+d'), undefined);
    assert.match(invalidKey('lee2019.')!, /not a valid/);
  });

  it('renames a \\bibitem key with its citations, in the file that holds the list', () => {
    const text = 'See \\cite{alpha, beta} and \\cite{beta}.\n\\begin{thebibliography}{9}\n\\bibitem{alpha} A. First.\n\\bibitem[B]{beta} B. Second.\n\\end{thebibliography}\n';
    const document = TextDocument.create('file:///rename/paper.tex', 'latex', 1, text);
    const result = service().planRename(document, positionOf(document, 'beta'), 'gamma', config());
    assert.ok(!('refused' in result));
    assert.strictEqual(result.definition, undefined);
    assert.strictEqual(
      applied(document, result.edits[0]!.edits),
      'See \\cite{alpha, gamma} and \\cite{gamma}.\n\\begin{thebibliography}{9}\n\\bibitem{alpha} A. First.\n\\bibitem[B]{gamma} B. Second.\n\\end{thebibliography}\n',
    );
  });
});

describe('rename: a Manubot @tag: key across the project', () => {
  const chapters = () => {
    const intro = TextDocument.create('file:///tags/content/01.intro.md', 'markdown', 3, 'Secretomes heal [@tag:abe2020; @doi:10.1038/nbt.3300].\n\n[@tag:abe2020]: doi:10.1038/nbt.3300\n');
    const results = TextDocument.create('file:///tags/content/02.results.md', 'markdown', 7, 'As before [@tag:abe2020], and @tag:abe2020 again; not @tag:abe2020b.\n\n[@tag:abe2020b]: pmid:12345\n');
    const project = { id: intro.uri, kind: 'manubot' as const, label: 'content/', documents: [intro, results], problems: [] };
    return { intro, results, config: config({ sources: { project } }) };
  };

  it('renames the citations in every chapter and the [@tag:…]: definition line, keeping tag:', () => {
    const { intro, results, config: projectConfig } = chapters();
    const prepared = service().prepareRename(results, positionOf(results, 'abe2020', 1), projectConfig);
    assert.ok('range' in prepared, JSON.stringify(prepared));
    assert.strictEqual(results.getText(prepared.range), 'abe2020');
    assert.strictEqual(prepared.placeholder, 'abe2020');
    const result = service().planRename(results, positionOf(results, 'abe2020', 1), 'abe2020secretome', projectConfig);
    assert.ok(!('refused' in result), 'refused' in result ? result.refused : '');
    assert.strictEqual(result.definition, undefined);
    assert.deepStrictEqual(result.edits.map((file) => file.uri), [intro.uri, results.uri]);
    assert.strictEqual(applied(intro, result.edits[0]!.edits), 'Secretomes heal [@tag:abe2020secretome; @doi:10.1038/nbt.3300].\n\n[@tag:abe2020secretome]: doi:10.1038/nbt.3300\n');
    assert.strictEqual(applied(results, result.edits[1]!.edits), 'As before [@tag:abe2020secretome], and @tag:abe2020secretome again; not @tag:abe2020b.\n\n[@tag:abe2020b]: pmid:12345\n');
    // From the definition line, with the new name typed with its tag:, the same edits.
    const fromDefinition = service().planRename(intro, positionOf(intro, '[@tag:abe2020]:', 1), 'tag:abe2020secretome', projectConfig);
    assert.deepStrictEqual(fromDefinition, result);
  });

  it('refuses a tag nobody defines, a name another tag has, and still refuses @doi: and @pmid:', () => {
    const { intro, results, config: projectConfig } = chapters();
    const refusal = (document: TextDocument, needle: string, newName = 'x2020') => {
      const prepared = service().prepareRename(document, positionOf(document, needle, 1), projectConfig);
      if ('refused' in prepared) return prepared.refused;
      const result = service().planRename(document, positionOf(document, needle, 1), newName, projectConfig);
      return 'refused' in result ? result.refused : 'accepted';
    };
    assert.match(refusal(intro, 'doi:10.1038/nbt.3300]'), /persistent identifier/);
    assert.match(refusal(results, 'abe2020', 'abe2020b'), /@tag:abe2020b is already defined \(02\.results\.md, line 3\)/);
    assert.match(refusal(results, 'abe2020', 'abe 2020'), /not a valid tag name/);
    const lone = TextDocument.create('file:///tags/lone.md', 'markdown', 1, 'Undefined [@tag:ghost2001] and [@pmid:12345].\n');
    assert.match(refusal(lone, 'ghost2001'), /@tag:ghost2001 is defined by no \[@tag:ghost2001\]: line/);
    assert.match(refusal(lone, 'pmid:'), /persistent identifier/);
  });
});

describe('rename: the key where a bibliography file defines it', () => {
  it('edits the id of a CSL-JSON item and of a CSL-YAML item', () => {
    const json = '[\n  {\n    "type": "book",\n    "id": "doe2018",\n    "title": "T"\n  }\n]\n';
    const jsonReference = readBibliographySource(json, 'file:///rename/refs.json').references[0]!;
    const jsonEdit = bibliographyKeyEdit(json, jsonReference, 'doe2018b');
    assert.ok(!('refused' in jsonEdit));
    assert.match(TextDocument.applyEdits(TextDocument.create('file:///rename/refs.json', 'json', 1, json), [jsonEdit]), /"id": "doe2018b",/);

    const yaml = 'references:\n  - type: book\n    id: doe2018\n    title: T\n  - id: roe2019\n    title: U\n';
    const yamlReference = readBibliographySource(yaml, 'file:///rename/refs.yaml').references[1]!;
    const yamlEdit = bibliographyKeyEdit(yaml, yamlReference, 'roe2019b');
    assert.ok(!('refused' in yamlEdit));
    assert.match(TextDocument.applyEdits(TextDocument.create('file:///rename/refs.yaml', 'yaml', 1, yaml), [yamlEdit]), /- id: roe2019b\n/);
  });

  it('refuses when the file no longer has the key where it was read', () => {
    const bib = '@article{smith2020,\n  title = {T}\n}\n';
    const reference = readBibliographySource(bib, 'file:///rename/refs.bib').references[0]!;
    const edit = bibliographyKeyEdit('@article{smyth2020,\n  title = {T}\n}\n', reference, 'x2020');
    assert.match('refused' in edit ? edit.refused : '', /refs\.bib no longer defines “smith2020” on line 1/);
  });
});
