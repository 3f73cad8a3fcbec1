/**
 * A manuscript of several files: a numbered citation in one chapter means an entry of the reference list another
 * chapter holds, when the caller names the project (`config.sources.project`).
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { config, service } from './support';

const chapter = TextDocument.create('file:///w/content/02.results.md', 'markdown', 1, 'Exosomes promoted angiogenesis in the ischaemic limb [50].\n');
const backMatter = TextDocument.create(
  'file:///w/content/90.back-matter.md',
  'markdown',
  1,
  '## References\n\n1. Example A. Vesicles one. Test J. 2020;1:1.\n2. Example B. Vesicles two. Test J. 2021;2:2.\n',
);
const project = { id: 'file:///w/content/', kind: 'manubot' as const, label: 'content/', documents: [chapter, backMatter], problems: [] };

describe('project: numbering across the files of a manuscript', () => {
  it("reads [50] in a chapter as the project's own list (2 entries), not the review's reference 50", () => {
    const alone = service().doValidate(chapter, config()).filter((d) => d.code === 'unknown-citation');
    assert.deepStrictEqual(alone, []);
    const inProject = service().doValidate(chapter, config({ sources: { project } })).filter((d) => d.code === 'unknown-citation');
    assert.deepStrictEqual(
      inProject.map((d) => chapter.getText(d.range)),
      ['50'],
    );
  });

  it('ignores a project that does not contain the document', () => {
    const other = TextDocument.create('file:///w/elsewhere.md', 'markdown', 1, chapter.getText());
    const diagnostics = service().doValidate(other, config({ sources: { project } })).filter((d) => d.code === 'unknown-citation');
    assert.deepStrictEqual(diagnostics, []);
  });
});
