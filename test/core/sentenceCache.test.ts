/**
 * Sentence splits are cached per block: a document parsed after an edit, with the other blocks' splits reused, must
 * read exactly as the same document parsed from nothing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { clearSentenceCache, parseManuscript, type ManuscriptLanguage } from '../../server/src/core/manuscript';

const fixtures: [string, ManuscriptLanguage][] = [
  ['sample.md', 'markdown'],
  ['sample.tex', 'latex'],
  ['sample.txt', 'plaintext'],
];

function sentencesOf(text: string, language: ManuscriptLanguage) {
  const manuscript = parseManuscript(text, language);
  return { sentences: manuscript.sentences, paragraphs: manuscript.paragraphs };
}

describe('sentence splits cached per block', () => {
  for (const [name, language] of fixtures) {
    const original = fs.readFileSync(path.join(__dirname, '../fixtures/manuscripts', name), 'utf8');
    // Edits at the start, the middle and the end; a typed letter, a new sentence, a deleted line break.
    const edits: [string, (text: string) => string][] = [
      ['a letter typed in the middle', (text) => `${text.slice(0, text.length >> 1)}x${text.slice(text.length >> 1)}`],
      ['a sentence added at the start', (text) => `Exosomes carry cargo. ${text}`],
      ['a paragraph break removed', (text) => text.replace('\n\n', '\n')],
      ['text appended', (text) => `${text}\n\nA closing sentence. Another one [17].\n`],
    ];
    for (const [edit, apply] of edits) {
      it(`${name}: ${edit} reads as a fresh parse`, () => {
        clearSentenceCache();
        sentencesOf(original, language);
        const edited = apply(original);
        const warm = sentencesOf(edited, language);
        clearSentenceCache();
        const cold = sentencesOf(edited, language);
        assert.ok(cold.sentences.length > 3, `${name} has sentences`);
        assert.deepStrictEqual(warm, cold);
      });
    }
  }
});
