/**
 * What the writer sees on real prose: unsupported-claim, at each sensitivity, on the held-out dev documents of the
 * citation-worthiness corpus (test/fixtures/citation-worthiness), written back as Markdown with their headings and
 * paragraphs and linted as a document, against the authors' own citations. Trains nothing and tunes nothing here.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCorpusRows, scoreFlagging } from '../support/proseAsManuscript';

const rows = parseCorpusRows(fs.readFileSync(path.join(__dirname, '../fixtures/citation-worthiness/dev-sentences.tsv'), 'utf8'));

describe('unsupported-claim on held-out real prose, as the writer sees it', () => {
  const results = new Map((['rules', 'precise', 'balanced', 'thorough'] as const).map((sensitivity) => [sensitivity, scoreFlagging(rows, sensitivity)]));

  before(() => {
    console.log(`\n  ${'sensitivity'.padEnd(12)} flagged precision recall`);
    for (const [sensitivity, { flagged, precision, recall }] of results)
      console.log(`  ${sensitivity.padEnd(12)} ${String(flagged).padStart(7)} ${precision.toFixed(3).padStart(9)} ${recall.toFixed(3).padStart(6)}`);
  });

  // Measured: precise P 0.729 / R 0.116, rules 0.625 / 0.040. These seven documents cite less (22%) than the whole
  // dev split (29%), so precision is lower here; `npm run train` lints all eleven and stores the figures with the
  // model (dev.asLinted: precise P 0.794 / R 0.247, rules 0.762 / 0.110).
  it('at the default ("precise") is right seven times in ten, and finds more than twice what the rules alone find', () => {
    const precise = results.get('precise')!;
    const rules = results.get('rules')!;
    assert.ok(precise.precision >= 0.7, JSON.stringify(precise));
    assert.ok(precise.recall >= rules.recall * 2, JSON.stringify({ precise, rules }));
  });

  it('trades precision for recall from "precise" to "balanced" to "thorough"', () => {
    const [precise, balanced, thorough] = (['precise', 'balanced', 'thorough'] as const).map((name) => results.get(name)!);
    assert.ok(precise.recall < balanced.recall && balanced.recall < thorough.recall, JSON.stringify([...results]));
    assert.ok(precise.precision > balanced.precision && balanced.precision > thorough.precision, JSON.stringify([...results]));
    assert.ok(balanced.recall >= 0.35, JSON.stringify(balanced));
  });
});
