/**
 * `npm run bench` (lint part): medians of claim linting on generated drafts, each with its ratio to a baseline
 * measured in the same process (a plain word scan of the same text). Cold runs clear the paragraph cache first;
 * the edit run changes one character in one paragraph of a linted draft, as typing does. Never fails on time.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { createLanguageService } from '../../server/src/core/languageService';
import { clearSentenceCache, parseManuscript } from '../../server/src/core/manuscript';
import { clearLintCache } from '../../server/src/core/rules';
import { singleFileContext } from '../../server/src/core/project/model';
import { makeManuscript } from './manuscriptGenerator';
import { measure, report, type Measurement } from './measure';

const dataset = loadBundledDataset();
/** A cold run forgets both the lint findings per paragraph and the sentence splits per block. */
const clearCaches = () => {
  clearLintCache(dataset);
  clearSentenceCache();
};
const service = createLanguageService({ dataset });
const config = resolveConfig();
const results: Measurement[] = [];
let version = 0;

const draft5k = makeManuscript(5000);
const baseline = measure('baseline: word scan of 5,000 words', 50, () => draft5k.split(/\s+/).length);

for (const [label, words, runs] of [
  ['5,000-word draft', 5000, 30],
  ['100,000-word thesis', 100000, 7],
] as const) {
  const text = makeManuscript(words);
  const manuscript = parseManuscript(text, 'markdown');
  const document = (v: number, body = text) => TextDocument.create(`file:///bench/${words}.md`, 'markdown', v, body);
  const references = service.referencesFor(document(0), config);

  results.push(
    measure(`${label}: full diagnostics, cold (parse + lint)`, runs, () => service.doValidate(document(++version), config), {
      prepare: () => clearCaches(),
    }),
  );
  results.push(
    measure(`${label}: lint only, cold (parsed)`, runs, () => computeDiagnostics({ document: document(1), manuscript, references, dataset, config, project: singleFileContext(document(1), manuscript) }), {
      prepare: () => clearLintCache(dataset),
    }),
  );

  // The default runs the citation-worthiness model on every uncited prose sentence; `rules` is the same lint without it.
  const rulesOnly = resolveConfig({ lint: { citationNeeded: { sensitivity: 'rules' } } });
  results.push(
    measure(`${label}: lint only, cold, rules alone (no model)`, runs, () => computeDiagnostics({ document: document(1), manuscript, references, dataset, config: rulesOnly, project: singleFileContext(document(1), manuscript) }), {
      prepare: () => clearLintCache(dataset),
    }),
  );

  // With no cap, so every paragraph is analysed even when the draft has more findings than maxDiagnostics.
  const uncapped = resolveConfig({ lint: { maxDiagnostics: 1_000_000 } });
  results.push(
    measure(`${label}: lint only, cold, no diagnostics cap`, runs, () => computeDiagnostics({ document: document(1), manuscript, references, dataset, config: uncapped, project: singleFileContext(document(1), manuscript) }), {
      prepare: () => clearLintCache(dataset),
    }),
  );
  const uncappedRules = resolveConfig({ lint: { maxDiagnostics: 1_000_000, citationNeeded: { sensitivity: 'rules' } } });
  results.push(
    measure(`${label}: lint only, cold, no cap, rules alone`, runs, () => computeDiagnostics({ document: document(1), manuscript, references, dataset, config: uncappedRules, project: singleFileContext(document(1), manuscript) }), {
      prepare: () => clearLintCache(dataset),
    }),
  );

  // Typing in the middle of the draft: each run adds one character to a word, so every run's text is new (as it is
  // after a real keystroke) while the other paragraphs are as they were.
  const middle = text.indexOf('fibrosis', text.length / 2);
  const edits = runs * 3;
  const typed = (run: number) => `${text.slice(0, middle)}${'x'.repeat(run + 6)}${text.slice(middle)}`;
  service.doValidate(document(++version), config);
  results.push(
    measure(`${label}: after a one-character edit (parse + lint)`, edits, (run) => service.doValidate(document(++version, typed(run)), config)),
  );
  const typedManuscripts = new Map<number, ReturnType<typeof parseManuscript>>();
  results.push(
    measure(
      `${label}: after a one-character edit, lint only`,
      edits,
      (run) => computeDiagnostics({ document: document(1, typed(run + edits + 6)), manuscript: typedManuscripts.get(run)!, references, dataset, config, project: singleFileContext(document(1), typedManuscripts.get(run)!) }),
      {
        prepare: (run) => {
          const manuscript = parseManuscript(typed(run + edits + 6), 'markdown');
          void manuscript.sentences;
          typedManuscripts.set(run, manuscript);
        },
      },
    ),
  );
}

console.log('\nclaim linting');
report([baseline, ...results], baseline);
