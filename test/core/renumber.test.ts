/**
 * Renumbering by first use over a project's files: citations rewritten compactly in the manuscript's own dash and
 * separator, the own list reordered to match, one versioned edit; refusals for what cannot be renumbered.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ManuscriptProject } from '../../server/src/core/project/model';
import { config, service } from './support';

let counter = 0;

export function doc(text: string, name = `renumber-${++counter}.md`, languageId = 'markdown', version = 1): TextDocument {
  return TextDocument.create(`file:///w/${name}`, languageId, version, text);
}

export function projectOf(...documents: TextDocument[]): ManuscriptProject {
  return { id: 'file:///w/', kind: 'manubot', label: 'content/', documents, problems: [] };
}

/** The documents' texts after applying a WorkspaceEdit (checking the versions it names). */
export function applied(edit: WorkspaceEdit | undefined, documents: TextDocument[]): string[] {
  const changes = (edit?.documentChanges ?? []) as TextDocumentEdit[];
  return documents.map((document) => {
    const change = changes.find((candidate) => candidate.textDocument.uri === document.uri);
    if (!change) return document.getText();
    assert.strictEqual(change.textDocument.version, document.version, `edit computed on version ${document.version}`);
    return TextDocument.applyEdits(document, change.edits as TextEdit[]);
  });
}

const list = [
  '## References',
  '',
  '1. Alpha A. First paper. J One. 2001;1:1.',
  '2. Beta B. Second paper. J Two. 2002;2:2.',
  '3. Gamma C. Third paper. J Three. 2003;3:3.',
  '4. Delta D. Fourth paper. J Four. 2004;4:4.',
  '5. Epsilon E. Fifth paper. J Five. 2005;5:5.',
  '6. Zeta Z. Sixth paper, never cited. J Six. 2006;6:6.',
  '7. Eta H. Seventh paper, never cited.',
  '   Wrapped on a second line. 2007.',
  '8. Theta T. Eighth paper, never cited. 2008.',
  '9. Iota I. Ninth paper. J Nine. 2009;9:9.',
  '',
].join('\n');

const body = 'Vesicles carry cargo [5]. They act on cells [2]. Both matter [2, 9]. See also [1-3].\n\n';

describe('renumber by first use', () => {
  it('turns first citations [5], [2], [2, 9], [1-3] into [1], [2], [2, 3], [2, 4, 5] and reorders the list to match', () => {
    const document = doc(body + list);
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'edit', result.message);
    const [after] = applied(result.edit, [document]);
    assert.ok(after.startsWith('Vesicles carry cargo [1]. They act on cells [2]. Both matter [2, 3]. See also [2, 4, 5].\n'), after);
    const entries = after.slice(after.indexOf('## References')).split('\n').filter((line) => /^\d+\. /.test(line));
    assert.deepStrictEqual(entries, [
      '1. Epsilon E. Fifth paper. J Five. 2005;5:5.',
      '2. Beta B. Second paper. J Two. 2002;2:2.',
      '3. Iota I. Ninth paper. J Nine. 2009;9:9.',
      '4. Alpha A. First paper. J One. 2001;1:1.',
      '5. Gamma C. Third paper. J Three. 2003;3:3.',
      '6. Delta D. Fourth paper. J Four. 2004;4:4.',
      '7. Zeta Z. Sixth paper, never cited. J Six. 2006;6:6.',
      '8. Eta H. Seventh paper, never cited.',
      '9. Theta T. Eighth paper, never cited. 2008.',
    ]);
    assert.ok(after.includes('8. Eta H. Seventh paper, never cited.\n   Wrapped on a second line. 2007.\n9. Theta'), 'a wrapped entry moves whole');
  });

  it('changes nothing on a second run', () => {
    const first = doc(body + list);
    const [after] = applied(service().renumberCitations(first, config()).edit, [first]);
    const second = doc(after);
    const again = service().renumberCitations(second, config());
    assert.strictEqual(again.outcome, 'unchanged', again.message);
    assert.strictEqual(again.edit, undefined);
  });

  it('writes ranges compactly with the document’s dash and separator', () => {
    const text = 'One [3,4,5]. Two [1–2]. Three [6,7].\n\n' + list;
    const document = doc(text);
    const [after] = applied(service().renumberCitations(document, config()).edit, [document]);
    assert.ok(after.startsWith('One [1–3]. Two [4,5]. Three [6,7].\n'), after);
  });

  it('renumbers across the files of a project in reading order, the list in another file', () => {
    const intro = doc('Intro cites [3] and [1].\n', '01.intro.md');
    const results = doc('Results cite [2] then [3, 1].\n', '02.results.md');
    const back = doc('## References\n\n1. One A. Paper one. 2001.\n2. Two B. Paper two. 2002.\n3. Three C. Paper three. 2003.\n', '90.back.md');
    const project = projectOf(intro, results, back);
    const result = service().renumberCitations(results, config({ sources: { project } }));
    assert.strictEqual(result.outcome, 'edit', result.message);
    const texts = applied(result.edit, [intro, results, back]);
    assert.deepStrictEqual(texts, [
      'Intro cites [1] and [2].\n',
      'Results cite [3] then [1, 2].\n',
      '## References\n\n1. Three C. Paper three. 2003.\n2. One A. Paper one. 2001.\n3. Two B. Paper two. 2002.\n',
    ]);
    const changes = result.edit!.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(changes.map((change) => change.textDocument.uri), [intro.uri, results.uri, back.uri]);
  });

  it('names the document versions it was computed on', () => {
    const document = doc(body + list, 'versioned.md', 'markdown', 7);
    const changes = service().renumberCitations(document, config()).edit!.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(changes.map((change) => change.textDocument), [{ uri: document.uri, version: 7 }]);
  });

  it('refuses, naming the place, when a citation cites a number the list lacks', () => {
    const document = doc('Fine [1]. Typo [12].\n\n' + list);
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'refused');
    assert.strictEqual(result.edit, undefined);
    assert.match(result.message, /\[12\] \(renumber-\d+\.md, line 1\) is not in the manuscript's reference list \(9 entries\)/);
  });

  it('never expands an absurd range: it refuses and says which', () => {
    const document = doc('Huge [1-99999999]. Fine [2].\n\n' + list);
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'refused');
    assert.match(result.message, /\[1-99999999\] \(renumber-\d+\.md, line 1\) is a range too long to be meant/);
  });

  it('with no list of its own, says so instead of renumbering the review’s numbers', () => {
    const document = doc('Secretome gels help wounds heal [17]. Vesicles [45].\n');
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'refused');
    assert.match(result.message, /no reference list of its own/);
    assert.match(result.message, /Write the Reference List/);
  });

  it('reorders \\bibitem entries, whose numbers are their places', () => {
    const text = [
      'Text [2] then [1].',
      '\\begin{thebibliography}{9}',
      '\\bibitem{one} One A. Paper one. 2001.',
      '\\bibitem{two} Two B. Paper two. 2002.',
      '\\end{thebibliography}',
      '',
    ].join('\n');
    const document = doc(text, 'paper.tex', 'latex');
    const [after] = applied(service().renumberCitations(document, config()).edit, [document]);
    assert.strictEqual(after, text.replace('[2] then [1]', '[1] then [2]').replace(/(\\bibitem\{one\}.*)\n(\\bibitem\{two\}.*)/, '$2\n$1'));
  });

  it('orders \\bibitem entries by the first \\cite of their keys, leaving the keys as written', () => {
    const text = [
      'First \\cite{beta}, then \\citep{alpha, gamma} and \\cite{beta} again; \\cite{fromBib} is not in the list.',
      '\\begin{thebibliography}{9}',
      '\\bibitem{alpha} Alpha A. Paper one. 2001.',
      '\\bibitem{gamma} Gamma C. Paper three. 2003.',
      '\\bibitem{beta} Beta B. Paper two. 2002.',
      '\\bibitem{delta} Delta D. Never cited. 2004.',
      '\\end{thebibliography}',
      '',
    ].join('\n');
    const document = doc(text, 'keys.tex', 'latex');
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'edit', result.message);
    const [after] = applied(result.edit, [document]);
    const lines = after.split('\n');
    assert.strictEqual(lines[0], text.split('\n')[0]);
    assert.deepStrictEqual(lines.slice(2, 6).map((line) => /\\bibitem\{(\w+)\}/.exec(line)![1]), ['beta', 'alpha', 'gamma', 'delta']);
    const [source] = service().getSourceActions(document, config(), ['source']);
    assert.strictEqual(source?.kind, 'source.renumberCitations');
    const [again] = applied(result.edit, [document]);
    assert.strictEqual(service().renumberCitations(doc(again, 'keys-again.tex', 'latex'), config()).outcome, 'unchanged');
  });
});

describe('renumber by first use: many citations', () => {
  it('renumbers 10^4 citations of a 500-entry list, cited last entry first, and a second run changes nothing', () => {
    const size = 500;
    const entries = Array.from({ length: size }, (_, i) => `${i + 1}. Author${i + 1} A. Paper ${i + 1}. 2020.`);
    // Citation k cites entry size - (k mod size): the first 500 run 500, 499, … 1, then repeat.
    const sentences = Array.from({ length: 10_000 }, (_, k) => `Finding ${k} [${size - (k % size)}].`);
    const document = doc(`${sentences.join(' ')}\n\n## References\n\n${entries.join('\n')}\n`, 'many.md');
    const result = service().renumberCitations(document, config());
    assert.strictEqual(result.outcome, 'edit', result.message);
    const [after] = applied(result.edit, [document]);
    assert.ok(after.startsWith('Finding 0 [1]. Finding 1 [2].'), after.slice(0, 40));
    assert.ok(after.includes('Finding 9999 [500].'));
    assert.ok(after.includes('\n1. Author500 A. Paper 500. 2020.\n2. Author499 A.'));
    assert.strictEqual(service().renumberCitations(doc(after, 'many-again.md'), config()).outcome, 'unchanged');
  });
});
