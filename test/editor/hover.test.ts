/**
 * Hovers through VS Code's own provider command: factors and numeric citation ranges.
 */
import * as assert from 'assert';
import { activateExtension, hoversAt, hoverText, openFixture, pollUntil, positionOf } from './support';

describe('hover', () => {
  before(activateExtension);

  it('explains TGFβ as transforming growth factor, with its references', async () => {
    const document = await openFixture('factors.md');
    const position = positionOf(document, 'TGFβ', { offsetInNeedle: 2 });
    const text = await pollUntil(
      'a hover on TGFβ',
      async () => hoverText(await hoversAt(document, position)),
      (found) => /transforming growth factor/i.test(found),
    );
    // The review cites TGF-β's role in the niche with references 30 and 31 (Gao 2016, González-González 2020).
    assert.match(text, /\b30\b/, text);
    assert.match(text, /Gao/, text);
  });

  it('lists the three references of [27-29]', async () => {
    const document = await openFixture('factors.md');
    const position = positionOf(document, '[27-29]', { offsetInNeedle: 3 });
    const text = await pollUntil(
      'a hover on [27-29]',
      async () => hoverText(await hoversAt(document, position)),
      (found) => found.includes('Fadilah') || found.includes('Mintz'),
    );
    for (const author of ['Fadilah', 'Jayaraman', 'Mintz']) assert.ok(text.includes(author), `${author} missing from:\n${text}`);
    for (const number of ['27', '28', '29']) assert.match(text, new RegExp(`\\b${number}\\b`), text);
  });

  it('explains TGFβ in plain text too', async () => {
    const document = await openFixture('notes.txt');
    const position = positionOf(document, 'TGFβ', { offsetInNeedle: 1 });
    await pollUntil(
      'a hover on TGFβ in plain text',
      async () => hoverText(await hoversAt(document, position)),
      (found) => /transforming growth factor/i.test(found),
    );
  });
});
