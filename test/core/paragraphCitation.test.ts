/** unsupported-claim and the citation at the end of a paragraph, which writers use for the whole paragraph. */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { config, service } from './support';

function unsupportedLines(text: string): number[] {
  const document = TextDocument.create(`file:///paragraph-${text.length}.md`, 'markdown', 1, text);
  return service()
    .doValidate(document, config())
    .filter((diagnostic) => diagnostic.code === 'unsupported-claim')
    .map((diagnostic) => diagnostic.range.start.line);
}

describe('unsupported-claim: one citation for a paragraph', () => {
  it('a kidney claim is covered by [14] cited at the end of its paragraph', () => {
    const text = [
      'Conditioned medium from umbilical cord cells attenuated renal fibrosis in rats.',
      'The treated kidneys also showed less inflammation [14].',
    ].join('\n');
    assert.deepStrictEqual(unsupportedLines(text), []);
  });

  it('a kidney claim is not covered by a wound-healing trial cited later, though the review groups both in [11-18]', () => {
    const text = [
      'Conditioned medium from umbilical cord cells attenuated renal fibrosis in rats.',
      'A phase 2 trial reported faster healing of diabetic ulcers with a secretome gel [17].',
    ].join('\n');
    assert.deepStrictEqual(unsupportedLines(text), [0]);
  });

  it('a citation in the next paragraph does not cover the claim', () => {
    const text = [
      'Conditioned medium from umbilical cord cells attenuated renal fibrosis in rats.',
      '',
      'The treated kidneys also showed less inflammation [14].',
    ].join('\n');
    assert.deepStrictEqual(unsupportedLines(text), [0]);
  });

  it('a citation before the claim does not cover it', () => {
    const text = [
      'Renal outcomes were reviewed elsewhere [14].',
      'Conditioned medium from umbilical cord cells attenuated renal fibrosis in rats.',
    ].join('\n');
    assert.deepStrictEqual(unsupportedLines(text), [1]);
  });
});
