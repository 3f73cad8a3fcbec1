/**
 * After training (`npm run train` runs this second, so the linter loads the new weights): unsupported-claim at each
 * sensitivity on the whole dev split, rebuilt as Markdown manuscripts and linted as the writer would see them, stored
 * with the model as `dev.asLinted`. Reads the corpus, at training time only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { citationSensitivities } from '../server/src/core/config';
import { parseCorpusRows, scoreFlagging } from '../test/support/proseAsManuscript';
import { corpusFolder, projectRoot } from './corpusFolder';

const root = projectRoot;
const corpus = corpusFolder(process.argv[2]);
const modelFile = path.join(root, 'data/citationWorthiness.json');
const dev = new Set(
  fs
    .readFileSync(path.join(corpus, 'split.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.endsWith('\tdev'))
    .map((line) => line.split('\t')[0]),
);
const rows = parseCorpusRows(fs.readFileSync(path.join(corpus, 'sentences.tsv'), 'utf8')).filter((row) => dev.has(row.doc));
const round = (value: number) => Math.round(value * 1000) / 1000;
const asLinted = Object.fromEntries(
  citationSensitivities.map((sensitivity) => {
    const { flagged, precision, recall } = scoreFlagging(rows, sensitivity);
    return [sensitivity, { flagged, precision: round(precision), recall: round(recall) }];
  }),
);
const model = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
model.dev = { ...model.dev, asLinted };
fs.writeFileSync(modelFile, JSON.stringify(model) + '\n');
console.log(`unsupported-claim on the ${rows.length} dev sentences, linted as Markdown:`, asLinted);
