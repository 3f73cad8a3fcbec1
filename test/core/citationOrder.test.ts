/**
 * citation-order: off by default; when on, an information diagnostic on each first citation out of order, across the
 * project's files, with a quick fix that runs the renumbering command.
 */
import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { configFromSettings } from '../../server/src/settings';
import { renumberCitationsCommand } from '../../server/src/core/features/renumber';
import { config, service } from './support';
import { doc, projectOf } from './renumber.test';

const list = '## References\n\n1. One A. Paper one. 2001.\n2. Two B. Paper two. 2002.\n3. Three C. Paper three. 2003.\n4. Four D. Paper four. 2004.\n';
const on = { lint: { rules: { 'citation-order': { enabled: true } } } };

function orderFindings(document: ReturnType<typeof doc>, partial: Parameters<typeof config>[0] = on) {
  return service()
    .doValidate(document, config(partial))
    .filter((diagnostic) => diagnostic.code === 'citation-order');
}

describe('rule: citation-order', () => {
  it('is off by default, and the severity dropdown turns it on at information', () => {
    const document = doc('First [2]. Then [1].\n\n' + list);
    assert.deepStrictEqual(orderFindings(document, {}), []);
    const fromSettings = configFromSettings({ lint: { severity: { 'citation-order': 'information' } } });
    const diagnostics = service().doValidate(document, fromSettings).filter((d) => d.code === 'citation-order');
    assert.deepStrictEqual(diagnostics.map((d) => [document.getText(d.range), d.severity]), [['2', DiagnosticSeverity.Information], ['1', DiagnosticSeverity.Information]]);
  });

  it('flags each first citation whose number is not the next in first-use order, and nothing once in order', () => {
    const document = doc('A [1]. B [3]. C [2]. D [1, 4].\n\n' + list);
    const found = orderFindings(document);
    assert.deepStrictEqual(found.map((d) => document.getText(d.range)), ['3', '2']);
    assert.strictEqual(found[0]!.message, 'Reference 3 is first cited here, as the 2nd reference cited: numbered by first use it would be [2].');
    assert.deepStrictEqual(orderFindings(doc('A [1]. B [2, 3]. C [1]. D [4].\n\n' + list)), []);
  });

  it('names every number of a range first cited out of order in one diagnostic', () => {
    const document = doc('A [4]. B [1-3].\n\n' + list);
    const found = orderFindings(document);
    assert.deepStrictEqual(found.map((d) => [document.getText(d.range), d.message]), [
      ['4', 'Reference 4 is first cited here, as the 1st reference cited: numbered by first use it would be [1].'],
      ['1-3', 'References 1, 2 and 3 are first cited here, as the 2nd, 3rd and 4th cited: numbered by first use they would be [2], [3] and [4].'],
    ]);
  });

  it('counts the chapters before: a citation in order within its file may be out of order in the project', () => {
    const intro = doc('Intro [2].\n', 'order-01.intro.md');
    const results = doc('Results [1].\n', 'order-02.results.md');
    const back = doc(list, 'order-90.back.md');
    const partial = { ...on, sources: { project: projectOf(intro, results, back) } };
    assert.deepStrictEqual(orderFindings(results, partial).map((d) => results.getText(d.range)), ['1']);
    assert.deepStrictEqual(orderFindings(intro, partial).map((d) => intro.getText(d.range)), ['2']);
  });

  it('says nothing of a draft numbered by the review', () => {
    assert.deepStrictEqual(orderFindings(doc('Gels help wounds heal [17]. Vesicles [45].\n')), []);
  });

  it('offers the renumbering command as its quick fix', () => {
    const document = doc('First [2]. Then [1].\n\n' + list);
    const [diagnostic] = orderFindings(document);
    const actions = service().getCodeActions(document, diagnostic!.range, [diagnostic!], config(on));
    const renumber = actions.find((action) => action.command?.command === renumberCitationsCommand);
    assert.ok(renumber, actions.map((a) => a.title).join(', '));
    assert.strictEqual(renumber.kind, 'quickfix');
    assert.deepStrictEqual(renumber.command!.arguments, [document.uri]);
  });

  it('can be silenced by a disable comment', () => {
    const document = doc('<!-- secretome-disable-next-line citation-order -->\nFirst [2]. Then [1].\n\n' + list);
    assert.deepStrictEqual(orderFindings(document), []);
  });
});

describe('source action: renumber citations', () => {
  it('is offered for source kinds only, as the command on the document', () => {
    const document = doc('First [2]. Then [1].\n\n' + list);
    assert.deepStrictEqual(service().getSourceActions(document, config(), undefined), []);
    assert.deepStrictEqual(service().getSourceActions(document, config(), ['quickfix']), []);
    for (const only of [['source'], ['source.renumberCitations']]) {
      const [action] = service().getSourceActions(document, config(), only);
      assert.strictEqual(action?.kind, 'source.renumberCitations');
      assert.deepStrictEqual(action?.command, { title: 'Renumber citations by first use', command: renumberCitationsCommand, arguments: [document.uri] });
    }
    assert.deepStrictEqual(service().getSourceActions(doc('No citations here.\n'), config(), ['source']), []);
  });
});
