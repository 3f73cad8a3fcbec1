/**
 * `npm run bench` (citation-worthiness part): what scoring every prose sentence with the bundled model would add to
 * linting, on the same generated drafts as lintBench, with the cost of dequantising the weights once. Never fails on time.
 */
import { bundledCitationModel } from '../../server/src/core/claims/bundledCitationModel';
import { loadModel, paragraphContexts, scoreSentence, type CitationWorthinessModel } from '../../server/src/core/claims/citationWorthiness';
import { parseManuscript } from '../../server/src/core/manuscript';
import raw from '../../data/citationWorthiness.json';
import { makeManuscript } from './manuscriptGenerator';
import { measure, report, type Measurement } from './measure';

const results: Measurement[] = [];
const draft5k = makeManuscript(5000);
const baseline = measure('baseline: word scan of 5,000 words', 50, () => draft5k.split(/\s+/).length);
results.push(measure('load: dequantise the bundled weights', 20, () => loadModel(raw as CitationWorthinessModel)));
const model = bundledCitationModel();

for (const [label, words, runs] of [
  ['5,000-word draft', 5000, 30],
  ['100,000-word thesis', 100000, 7],
] as const) {
  const manuscript = parseManuscript(makeManuscript(words), 'markdown');
  const paragraphs = new Map<number, string[]>();
  for (const sentence of manuscript.sentences) {
    if (sentence.kind !== 'prose') continue;
    if (!paragraphs.has(sentence.paragraph)) paragraphs.set(sentence.paragraph, []);
    paragraphs.get(sentence.paragraph)!.push(sentence.text);
  }
  const count = [...paragraphs.values()].reduce((sum, sentences) => sum + sentences.length, 0);
  results.push(
    measure(`${label}: score all ${count} prose sentences`, runs, () => {
      let total = 0;
      for (const sentences of paragraphs.values()) {
        const contexts = paragraphContexts(sentences);
        sentences.forEach((sentence, i) => (total += scoreSentence(model, sentence, contexts[i])));
      }
      return total;
    }),
  );
}
report([baseline, ...results], baseline);
