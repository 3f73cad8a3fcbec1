/**
 * `npm run bench [name…]`: each benchmark of test/bench in its own Node process (so one's heap and JIT state never
 * colour another's), in this order; names pick a subset, e.g. `npm run bench -- lint pathological`.
 * The benchmarks print medians and p95 with ratios to a baseline of their own; none fails on time.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Name, and whether it measures memory (so needs `global.gc`). */
const benchmarks = [
  ['bench', false],
  ['lintBench', false],
  ['knowledgeBench', true],
  ['bibliographyBench', true],
  ['completionBench', false],
  ['serverLibraryBench', false],
  ['citationWorthinessBench', false],
  ['projectBench', false],
  ['citationStyleBench', false],
  ['renumberBench', false],
  ['pathologicalBench', false],
  ['navigationBench', false],
  ['responsivenessBench', false],
  ['serverMemoryBench', false],
];

const wanted = process.argv.slice(2).map((name) => name.toLowerCase());
const chosen = benchmarks.filter(([name]) => wanted.length === 0 || wanted.some((want) => name.toLowerCase().startsWith(want)));
if (chosen.length === 0) {
  console.error(`No benchmark is called ${wanted.join(', ')}. There are: ${benchmarks.map(([name]) => name.replace(/Bench$/, '')).join(', ')}.`);
  process.exit(2);
}
for (const [name, measuresMemory] of chosen) {
  console.log(`\n=== ${name} ===`);
  const flags = [...(measuresMemory ? ['--expose-gc'] : []), '--import', 'tsx', path.join('test/bench', `${name}.ts`)];
  const run = spawnSync(process.execPath, flags, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${name} stopped with ${run.signal ?? `exit code ${run.status}`}.`);
    process.exit(1);
  }
}
