/**
 * `npm run bench` (renumbering part): renumbering by first use and writing the reference list over a generated
 * 100,000-word project of ten Markdown chapters with about 12,000 numbered citations and a back-matter list of 500
 * entries, and over one document of 10^4 citations; each with its ratio to a baseline run in the same process (a plain
 * word scan of the same text). "Parsed" runs reuse the parse, as after typing; "cold" runs parse every file first.
 * Never fails on time; prints what it measured.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { createLanguageService } from '../../server/src/core/languageService';
import type { ManuscriptProject } from '../../server/src/core/project/model';
import { firstUseOf } from '../../server/src/core/project/firstUse';
import { seededRandom } from '../support/seededRandom';
import { measure, report, type Measurement } from './measure';

const dataset = loadBundledDataset();
const service = createLanguageService({ dataset });
const random = seededRandom(9);
const listSize = 500;

const verbs = ['increased', 'reduced', 'restored', 'modulated', 'preserved', 'shifted'];
const objects = ['vessel density', 'scar width', 'macrophage polarisation', 'graft survival', 'renal fibrosis', 'bone volume'];

/** One sentence of about eight words with a citation: a number, a pair or a short range. */
function citedSentence(index: number, maxNumber: number): string {
  const n = 1 + Math.floor(random() * maxNumber);
  const shape = random();
  const citation = shape < 0.6 ? `[${n}]` : shape < 0.85 ? `[${n}, ${1 + Math.floor(random() * maxNumber)}]` : `[${Math.max(1, n - 2)}-${n}]`;
  return `Cohort ${index} ${verbs[index % verbs.length]} ${objects[index % objects.length]} after treatment ${citation}.`;
}

function chapter(words: number, start: number, maxNumber: number): { text: string; citations: number } {
  const sentences: string[] = [];
  let count = 0;
  for (let written = 0; written < words; written += 8) {
    sentences.push(citedSentence(start + count, maxNumber));
    count++;
    if (count % 6 === 0) sentences.push('\n\n');
  }
  return { text: `## Chapter\n\n${sentences.join(' ')}\n`, citations: count };
}

const listText = ['## References', '', ...Array.from({ length: listSize }, (_, i) => `${i + 1}. Author${i + 1} A. Paper number ${i + 1}. J Bench. 2020;${i + 1}:1.`), ''].join('\n');

let version = 0;
function projectOf(texts: string[]): ManuscriptProject {
  version++;
  const documents = texts.map((text, i) => TextDocument.create(`file:///bench/content/${String(i + 1).padStart(2, '0')}.chapter.md`, 'markdown', version, text));
  return { id: 'file:///bench/content/', kind: 'manubot', label: 'content/', documents, problems: [] };
}

const chapters = Array.from({ length: 10 }, (_, i) => chapter(10_000, i * 2000, listSize));
const citations = chapters.reduce((sum, c) => sum + c.citations, 0);
const texts = [...chapters.map((c) => c.text), listText];
const allText = texts.join('\n');
const words = allText.split(/\s+/).length;
console.log(`project: ${texts.length} files, ${words} words, ${citations} numbered citations, a list of ${listSize} entries`);

const results: Measurement[] = [];
const baseline = measure(`baseline: word scan of ${words} words`, 20, () => allText.split(/\s+/).length);
results.push(baseline);

const parsed = projectOf(texts);
const parsedConfig = resolveConfig({ sources: { project: parsed } });
const first = service.renumberCitations(parsed.documents[0]!, parsedConfig);
console.log(`renumber: ${first.outcome}: ${first.message}`);
results.push(measure('renumber a 100,000-word project (parsed)', 10, () => service.renumberCitations(parsed.documents[0]!, parsedConfig)));
results.push(
  measure('renumber a 100,000-word project (cold: parse every file)', 5, () => {
    const project = projectOf(texts);
    service.renumberCitations(project.documents[0]!, resolveConfig({ sources: { project } }));
  }, { warmup: 1 }),
);

// What the citation-order rule adds to each document's diagnostics: one walk over the parsed project.
const parsedFiles = parsed.documents.map((document) => ({ document, manuscript: service.parse(document) }));
results.push(measure('first-use walk of the project (citation-order, per document checked)', 20, () => firstUseOf(parsedFiles)));

// A draft on the review's numbers: writing its list (stand-in formatter) renumbers every citation too.
const draftTexts = Array.from({ length: 10 }, (_, i) => chapter(10_000, i * 2000, 54).text);
const draft = projectOf(draftTexts);
const draftConfig = resolveConfig({ sources: { project: draft } });
const written = service.writeReferenceList(draft.documents[0]!, draftConfig);
console.log(`write list: ${written.outcome}: ${written.message}`);
results.push(measure('write the list for a 100,000-word review-numbered draft (parsed)', 10, () => service.writeReferenceList(draft.documents[0]!, draftConfig)));

// One document of 10^4 citations.
const single = chapter(80_000, 0, listSize);
const singleText = `${single.text}\n${listText}`;
const singleDocument = TextDocument.create('file:///bench/single.md', 'markdown', 1, singleText);
console.log(`single document: ${single.citations} citations`);
results.push(measure(`renumber one document of ${single.citations} citations (parsed)`, 10, () => service.renumberCitations(singleDocument, resolveConfig())));

report(results, baseline);
