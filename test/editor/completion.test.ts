/**
 * Completion through VS Code's own provider command, in each language the extension serves.
 */
import * as assert from 'assert';
import {
  activateExtension,
  completionsAt,
  labelOf,
  lineOf,
  openFixture,
  pollUntil,
  positionOf,
  referenceItems,
  sortedAsShown,
  textAfterAccepting,
} from './support';

describe('completion', () => {
  before(activateExtension);

  it('offers reference 45 first after "[Caseiro" in Markdown, and accepting it writes "[45"', async () => {
    const document = await openFixture('citations.md');
    const position = positionOf(document, '[Caseiro');
    const items = await pollUntil(
      'reference completions after [Caseiro',
      async () => sortedAsShown(referenceItems(await completionsAt(document, position))),
      (found) => found.length > 0,
    );
    const first = items[0];
    assert.ok(labelOf(first).startsWith('45'), `first item is ${JSON.stringify(labelOf(first))}`);
    const accepted = lineOf(textAfterAccepting(document, position, first), position);
    assert.ok(accepted.endsWith('profiles [45'), `line after accepting: ${JSON.stringify(accepted)}`);
  });

  it('offers pandoc citation keys after "[@" in Markdown', async () => {
    const document = await openFixture('citations.md');
    const position = positionOf(document, '[@');
    const items = await pollUntil(
      'pandoc key completions after [@',
      async () => referenceItems(await completionsAt(document, position, '@')),
      (found) => found.length > 0,
    );
    const labels = items.map(labelOf);
    assert.ok(labels.includes('caseiro2019'), `labels: ${labels.slice(0, 10).join(', ')}`);
    assert.ok(labels.every((label) => /^[a-z][\w-]*\d{4}[a-z]?$/i.test(label)), `not all keys: ${labels.join(', ')}`);
    const accepted = lineOf(textAfterAccepting(document, position, items[labels.indexOf('caseiro2019')]), position);
    assert.ok(accepted.endsWith('[@caseiro2019'), `line after accepting: ${JSON.stringify(accepted)}`);
  });

  it('offers citation keys inside \\cite{ in LaTeX', async () => {
    const document = await openFixture('citations.tex');
    assert.strictEqual(document.languageId, 'latex');
    const position = positionOf(document, '\\cite{');
    const items = await pollUntil(
      'citation keys inside \\cite{',
      async () => sortedAsShown(referenceItems(await completionsAt(document, position, '{'))),
      (found) => found.length > 0,
    );
    const labels = items.map(labelOf);
    assert.ok(labels.includes('caseiro2019'), `labels: ${labels.slice(0, 10).join(', ')}`);
    assert.ok(labels.every((label) => !/^\d+$/.test(label)), `numeric labels in \\cite{: ${labels.join(', ')}`);
  });

  it('offers reference 45 first after "[Caseiro" in plain text', async () => {
    const document = await openFixture('notes.txt');
    assert.strictEqual(document.languageId, 'plaintext');
    const position = positionOf(document, '[Caseiro');
    const items = await pollUntil(
      'reference completions after [Caseiro in plain text',
      async () => sortedAsShown(referenceItems(await completionsAt(document, position))),
      (found) => found.length > 0,
    );
    assert.ok(labelOf(items[0]).startsWith('45'), `first item is ${JSON.stringify(labelOf(items[0]))}`);
  });
});
