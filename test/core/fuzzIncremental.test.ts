/**
 * Differential fuzzing of the core: one LanguageService sees thousands of random edits as successive versions of a
 * TextDocument (incremental changes, as the server receives them), and after each batch its diagnostics, hovers and
 * completions must equal those of a brand-new service analysing the same text from nothing (its paragraph and
 * sentence caches emptied first). Seeded: FUZZ_SEED=… and FUZZ_ITERATIONS=… run another or a longer sequence.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import raw from '../../data/review.json';
import { createDataset, type Dataset } from '../../server/src/core/dataset';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { resolveConfig, type Config } from '../../server/src/core/config';
import { clearLintCache } from '../../server/src/core/rules';
import { clearSentenceCache } from '../../server/src/core/manuscript';
import type { Reference } from '../../server/src/core/knowledge/model';
import { generateItem, generateLibrary } from './knowledgeLibrary';
import {
  applyEdit,
  fuzzSettings,
  randomEdits,
  reproduce,
  samplePositions,
  seededRandom,
  toRangeEdit,
  typingEdits,
  type OffsetEdit,
} from '../support/fuzzEdits';
import { firstDifference } from '../support/fuzzCompare';

const fixtures = path.join(__dirname, '../fixtures');

interface Plan {
  fixture: string;
  languageId: string;
  /** Edits at FUZZ_ITERATIONS=1. */
  edits: number;
  /** Edits between two comparisons with a fresh analysis. */
  batch: number;
  config: Config;
  /** The text to start from, when it is more than the fixture file. */
  text?: () => string;
}

const bibliographyId = 'file:///w/refs.bib';
const withBibliography = (sensitivity: Config['lint']['citationNeeded']['sensitivity'] = 'rules') =>
  resolveConfig({ sources: { bibliographyIds: [bibliographyId] }, lint: { citationNeeded: { sensitivity } } });

/** Small documents take many edits (each comparison is cheap); the long Manubot chapter fewer, in larger batches. */
const plans: Plan[] = [
  { fixture: 'protocol/draft.md', languageId: 'markdown', edits: 700, batch: 20, config: withBibliography() },
  { fixture: 'manuscripts/sample.tex', languageId: 'latex', edits: 700, batch: 20, config: withBibliography() },
  { fixture: 'manuscripts/sample.txt', languageId: 'plaintext', edits: 400, batch: 20, config: withBibliography('balanced') },
  { fixture: 'manuscripts/sample.md', languageId: 'markdown', edits: 400, batch: 20, config: resolveConfig() },
  { fixture: 'ownlist/manuscript-120.md', languageId: 'markdown', edits: 400, batch: 40, config: withBibliography() },
  { fixture: 'deep-review/02.intro.md', languageId: 'markdown', edits: 400, batch: 50, config: withBibliography(), text: introWithDefinitions },
];

/**
 * The Manubot introduction followed by the back matter's definitions of the tags it cites, so that deleting or
 * pasting a definition line changes which citations in other paragraphs are known.
 */
function introWithDefinitions(): string {
  const intro = fs.readFileSync(path.join(fixtures, 'deep-review/02.intro.md'), 'utf8');
  const cited = new Set([...intro.matchAll(/@(tag:[\w-]+)/g)].map((match) => match[1]));
  const definitions = fs
    .readFileSync(path.join(fixtures, 'deep-review/90.back-matter.md'), 'utf8')
    .split('\n')
    .filter((line) => cited.has(/^\[@(tag:[\w-]+)\]:/.exec(line)?.[1] ?? ''));
  return `${intro}\n${definitions.join('\n')}\n`;
}

/**
 * A writer's bibliography: generated papers, plus the short keys the random citations use (`\cite{a,b}`, `[@key]`).
 * The second edition, as if the file were saved again, has lost `a` and `key`: a reload must change what is known.
 */
function bibliography(edition: number): Reference[] {
  const source = { kind: 'bibliography' as const, id: bibliographyId, label: 'refs.bib' };
  const random = seededRandom(7);
  const short = ['a', 'b', 'k', 'key', 'ref27'].map((key) => ({ source, key, item: { ...generateItem(random, key), id: key } }));
  const kept = edition % 2 === 0 ? short : short.filter((reference) => reference.key !== 'a' && reference.key !== 'key');
  return [...kept, ...generateLibrary(20, 3, source)];
}

function loadBibliography(service: LanguageService, edition: number): void {
  service.setBibliography({ source: { kind: 'bibliography', id: bibliographyId, label: 'refs.bib' }, references: bibliography(edition) });
}

function serviceOver(dataset: Dataset, edition: number): LanguageService {
  const service = createLanguageService({ dataset });
  loadBibliography(service, edition);
  return service;
}

/** Everything compared: the diagnostics, and hover and completion at each sampled position. */
function answers(service: LanguageService, document: TextDocument, positions: Position[], config: Config) {
  return {
    diagnostics: service.doValidate(document, config),
    at: positions.map((position) => ({
      position,
      hover: service.doHover(document, position, config),
      completion: service.doComplete(document, position, config),
    })),
  };
}

/** Keeps a failing case (the text before the batch and the batch's edits) where the failure message says. */
function saveCase(name: string, before: string, edits: OffsetEdit[], after: string): string {
  const file = path.join(os.tmpdir(), `secretome-fuzz-${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ before, edits, after }, null, 1));
  return file;
}

describe('fuzz: incremental edits read as a fresh analysis (core)', function () {
  this.timeout(120000);
  const settings = fuzzSettings(20261201);
  const freshDataset = createDataset(raw);

  plans.forEach((plan, index) => {
    const edits = Math.round(plan.edits * settings.iterations);
    it(`${plan.fixture}: ${edits} random edits, compared about every ${plan.batch}`, () => {
      const random = seededRandom(settings.seed + index);
      const uri = `file:///w/${path.basename(plan.fixture)}`;
      let text = plan.text?.() ?? fs.readFileSync(path.join(fixtures, plan.fixture), 'utf8');
      let edition = 0;
      const incremental = serviceOver(loadBundledDataset(), edition);
      let document = TextDocument.create(uri, plan.languageId, 1, text);
      let made = 0;
      let batchIndex = 0;
      while (made < edits) {
        const before = text;
        const batch: OffsetEdit[] = [];
        while (batch.length < plan.batch && made + batch.length < edits) {
          // One update carries one edit, a burst of keystrokes (one update each), or several edits at once.
          const roll = random();
          const updates: OffsetEdit[][] = roll < 0.15 ? typingEdits(random, text).map((edit) => [edit]) : [randomEdits(random, text, roll < 0.3 ? 2 + Math.floor(random() * 3) : 1)];
          for (const update of updates) {
            const changes: TextDocumentContentChangeEvent[] = [];
            for (const edit of update) {
              const { range, text: newText } = toRangeEdit(text, edit);
              changes.push({ range, text: newText });
              text = applyEdit(text, edit);
              batch.push(edit);
            }
            document = TextDocument.update(document, changes, document.version + 1);
            touch(random, incremental, document, update[update.length - 1], plan.config);
          }
        }
        made += batch.length;
        batchIndex++;
        const where = reproduce(settings, `${plan.fixture}, batch ${batchIndex} (edits ${made - batch.length + 1}-${made}), version ${document.version}`);
        if (document.getText() !== text) {
          throw new Error(`the TextDocument's text differs from the edited string: ${where}; case in ${saveCase(`${settings.seed}-${plan.fixture}-${batchIndex}`, before, batch, text)}`);
        }
        // Now and then the bibliography file is saved again, between two batches of edits.
        if (random() < 0.2) loadBibliography(incremental, ++edition);
        const positions = samplePositions(random, text, 6);
        const seen = answers(incremental, document, positions, plan.config);
        // Nothing cached survives into the fresh analysis: its own dataset (so its own paragraph cache), emptied caches.
        clearSentenceCache();
        clearLintCache(freshDataset);
        const fresh = answers(serviceOver(freshDataset, edition), TextDocument.create(uri, plan.languageId, 1, text), positions, plan.config);
        const difference = firstDifference(seen, fresh);
        if (difference) {
          const saved = saveCase(`${settings.seed}-${plan.fixture}-${batchIndex}`, before, batch, text);
          throw new Error(`incremental and fresh analyses differ: ${where}\n${difference}\ncase (text before the batch, its edits, text after) in ${saved}`);
        }
      }
    });
  });
});

/** What an editor asks between keystrokes: sometimes diagnostics, a completion or a hover at the cursor. */
function touch(random: () => number, service: LanguageService, document: TextDocument, last: OffsetEdit, config: Config): void {
  const roll = random();
  const cursor = document.positionAt(last.start + last.text.length);
  if (roll < 0.1) service.doValidate(document, config);
  else if (roll < 0.3) service.doComplete(document, cursor, config);
  else if (roll < 0.4) service.doHover(document, cursor, config);
}
