/** unused-entry in the core: the keys a whole project cites, `\nocite{*}`, and the entries none of its users cite. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { unusedEntries, unusedEntrySettings } from '../../server/src/core/features/unusedEntries';
import type { Reference } from '../../server/src/core/knowledge/model';
import { config, service } from './support';

const source = { kind: 'bibliography' as const, id: 'file:///w/refs.bib', label: 'refs.bib' };
const entry = (key: string, line: number): Reference => ({ source, key, item: { id: key, type: 'article-journal', title: `Placeholder ${key}` }, location: { uri: source.id, line, character: 0 } });
const library = [entry('Alpha2020', 0), entry('beta2021', 6), entry('gamma2022', 12)];

describe('unused-entry (core)', () => {
  const root = TextDocument.create('file:///w/main.tex', 'latex', 1, '\\documentclass{article}\n\\begin{document}\n\\input{intro}\n\\end{document}\n');
  const intro = TextDocument.create('file:///w/intro.tex', 'latex', 1, 'As shown \\cite{alpha2020} and \\citep[p.~2]{beta2021}.\n% \\nocite{*}\n');
  const project = { id: root.uri, kind: 'latex' as const, label: 'main.tex', documents: [root, intro], problems: [] };

  it('counts the keys every file of the project cites, in any case, and not a commented-out \\nocite{*}', () => {
    const cited = service().citedKeys(root, config({ sources: { project } }));
    assert.deepStrictEqual([[...cited.keys].sort(), cited.everything], [['alpha2020', 'beta2021'], false]);
    assert.deepStrictEqual(unusedEntries(library, [cited]).map((reference) => reference.key), ['gamma2022']);
  });

  it('the root alone cites nothing, so every entry is unused; another manuscript citing one takes it out', () => {
    const alone = service().citedKeys(root, config());
    assert.deepStrictEqual(unusedEntries(library, [alone]).map((reference) => reference.key), ['Alpha2020', 'beta2021', 'gamma2022']);
    const other = service().citedKeys(TextDocument.create('file:///w/other.md', 'markdown', 1, 'See [@gamma2022].\n'), config());
    assert.deepStrictEqual(unusedEntries(library, [alone, other]).map((reference) => reference.key), ['Alpha2020', 'beta2021']);
  });

  it('\\nocite{*} uses every entry', () => {
    const withAll = TextDocument.create('file:///w/all.tex', 'latex', 1, '\\documentclass{article}\n\\nocite{*}\n');
    const cited = service().citedKeys(withAll, config());
    assert.strictEqual(cited.everything, true);
    assert.deepStrictEqual(unusedEntries(library, [cited]), []);
  });

  it('is off unless turned on; information unless told', () => {
    assert.deepStrictEqual(unusedEntrySettings(config()), { enabled: false, severity: 'information' });
    assert.deepStrictEqual(unusedEntrySettings(config({ lint: { rules: { 'unused-entry': { enabled: true } } } })), { enabled: true, severity: 'information' });
    assert.deepStrictEqual(unusedEntrySettings(config({ lint: { rules: { 'unused-entry': { enabled: true, severity: 'hint' } } } })), { enabled: true, severity: 'hint' });
  });
});
