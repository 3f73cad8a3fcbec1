/** Rename edits a bibliography only inside the workspace folders, on the desktop (`file:`) and in the browser alike. */
import * as assert from 'assert';
import { URI } from 'vscode-uri';
import { uneditableDefinition } from '../../server/src/navigation';
import type { Reference } from '../../server/src/core/knowledge/model';

const entryIn = (uri: string): Reference => ({
  source: { kind: 'bibliography', id: uri, label: 'refs.bib' },
  key: 'smith2020',
  item: { id: 'smith2020', type: 'article-journal', title: 'A title' },
  location: { uri, line: 3, character: 0 },
});

describe('rename: which bibliography files may be edited', () => {
  const desktop = [URI.parse('file:///home/me/thesis')];
  const browser = [URI.parse('vscode-vfs://github/secretome/thesis')];

  it('edits a .bib inside a workspace folder, of either scheme', () => {
    assert.strictEqual(uneditableDefinition(entryIn('file:///home/me/thesis/refs.bib'), desktop), undefined);
    assert.strictEqual(uneditableDefinition(entryIn('vscode-vfs://github/secretome/thesis/refs/refs.bib'), browser), undefined);
  });

  it('refuses a .bib outside every folder: another path, a sibling whose name starts the same, another scheme or host', () => {
    for (const [uri, folders] of [
      ['file:///home/me/Zotero/library.bib', desktop],
      ['file:///home/me/thesis-old/refs.bib', desktop],
      ['vscode-vfs://github/secretome/thesis/refs.bib', desktop],
      ['vscode-vfs://gitlab/secretome/thesis/refs.bib', browser],
    ] as const) {
      assert.match(uneditableDefinition(entryIn(uri), folders) ?? '', /outside the workspace folders/, uri);
    }
  });
});
