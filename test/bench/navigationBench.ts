/**
 * `npm run bench` (navigation part): renaming a citation key across a 100,000-word project of ten Markdown chapters
 * that cite by key (`[@ref17]`) from a 54-entry refs.bib, and finding its references. "Cold" gives every chapter a
 * new version first, so the run parses all ten as the first request after edits would; "parsed" reuses the parses.
 * Each with its ratio to a baseline measured in the same process (a plain word scan of the whole project).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { bibliographyKeyEdit } from '../../server/src/core/features/rename';
import { createLanguageService } from '../../server/src/core/languageService';
import { readBibliographySource } from '../../server/src/core/sources';
import type { ManuscriptProject } from '../../server/src/core/project/model';
import { makeManuscript } from './manuscriptGenerator';
import { measure, report, type Measurement } from './measure';
import { runWorkspaceNavigationBench } from './workspaceNavigationBench';

const chapters = 10;
const wordsPerChapter = 10_000;
const bibUri = 'file:///bench/nav/refs.bib';
const bibText = Array.from({ length: 54 }, (_, index) => `@article{ref${index + 1},\n  title = {Generated entry ${index + 1}},\n  author = {Author, A.},\n  year = {2020}\n}\n`).join('\n');
/** The generator's numeric citations (`[17]`, `[27-29]`) as key citations (`[@ref17]`, `[@ref27; @ref28; @ref29]`). */
const byKey = (text: string) =>
  text.replace(/\[(\d+(?:\s*[-–,]\s*\d+)*)\]/g, (_, inner: string) => {
    const numbers = inner.split(/\s*,\s*/).flatMap((part) => {
      const [from, to] = part.split(/\s*[-–]\s*/).map(Number);
      return to ? Array.from({ length: to - from! + 1 }, (__, offset) => from! + offset) : [from!];
    });
    return `[${numbers.map((number) => `@ref${number}`).join('; ')}]`;
  });
const texts = Array.from({ length: chapters }, (_, index) => byKey(makeManuscript(wordsPerChapter)).replace('# Secretome therapy', `# Chapter ${index + 1}`));
let version = 1;
const documentsAt = (v: number) => texts.map((text, index) => TextDocument.create(`file:///bench/nav/content/${String(index + 1).padStart(2, '0')}.chapter.md`, 'markdown', v, text));

const service = createLanguageService({ dataset: loadBundledDataset() });
const reading = readBibliographySource(bibText, bibUri);
service.setBibliography({ source: reading.references[0]!.source, references: reading.references });
const configFor = (documents: TextDocument[]) => {
  const project: ManuscriptProject = { id: 'file:///bench/nav/content/', kind: 'manubot', label: 'content/', documents, problems: [] };
  return resolveConfig({ sources: { bibliographyIds: [bibUri], project } });
};

const allText = texts.join('\n');
const words = allText.split(/\s+/).length;
const baseline = measure(`baseline: word scan of the ${words.toLocaleString('en')}-word project`, 20, () => allText.split(/\s+/).length);
const results: Measurement[] = [];

const parsedDocuments = documentsAt(1);
const parsedConfig = configFor(parsedDocuments);
const first = parsedDocuments[0]!;
const at = first.positionAt(first.getText().indexOf('@ref17') + 2);
let edits = 0;
const rename = service.planRename(first, at, 'ref17renamed', parsedConfig);
if ('refused' in rename) throw new Error(rename.refused);
for (const file of rename.edits) edits += file.edits.length;

results.push(
  measure('rename ref17 across 10 chapters, cold (parse all + plan)', 7, () => {
    const documents = documentsAt(++version);
    const plan = service.planRename(documents[0]!, at, 'ref17renamed', configFor(documents));
    if ('refused' in plan || !plan.definition) throw new Error('no plan');
    bibliographyKeyEdit(bibText, plan.definition, 'ref17renamed');
  }),
);
results.push(
  measure('rename ref17 across 10 chapters, parsed (plan + .bib key edit)', 30, () => {
    const plan = service.planRename(first, at, 'ref17renamed', parsedConfig);
    if ('refused' in plan || !plan.definition) throw new Error('no plan');
    bibliographyKeyEdit(bibText, plan.definition, 'ref17renamed');
  }),
);
results.push(measure('prepareRename on ref17, parsed', 30, () => service.prepareRename(first, at, parsedConfig)));
results.push(measure('find references of ref17 across 10 chapters, parsed', 30, () => service.findReferences(first, at, parsedConfig, true)));

console.log(`\nnavigation (${chapters} chapters, ${words.toLocaleString('en')} words; the rename edits ${edits.toLocaleString('en')} citations in ${rename.edits.length} files)`);
report([baseline, ...results], baseline);

// The server's side: references from a .bib entry across the workspace's closed manuscripts, over the protocol.
void runWorkspaceNavigationBench();
