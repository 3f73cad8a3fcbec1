/**
 * The sliced scheduler where the browser build runs it: a web worker has no setImmediate, and an analysis longer than
 * one slice must still run to its end there (it once threw "setImmediate is not defined" at the first yield, so only
 * documents checked within one 10 ms slice ever got diagnostics in the browser).
 */
import * as assert from 'assert';
import { createScheduler, sliceMs } from '../../server/src/scheduling';

/** A generator of `count` steps, each busy for `stepMs`, that returns how many steps it took. */
function* busySteps(count: number, stepMs: number): Generator<void, number, void> {
  for (let step = 0; step < count; step++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // Busy, as a rule over a paragraph is.
    }
    yield;
  }
  return count;
}

/** Runs `work` with setImmediate gone from the global scope, as in a browser's web worker; restores it after. */
async function withoutSetImmediate<T>(work: () => Promise<T>): Promise<T> {
  const global = globalThis as { setImmediate?: typeof setImmediate };
  const saved = global.setImmediate;
  delete global.setImmediate;
  try {
    return await work();
  } finally {
    global.setImmediate = saved;
  }
}

describe('scheduling: slices where there is no setImmediate (a web worker)', () => {
  it('drives an analysis of many slices to its result', async () => {
    const steps = 12;
    const stepMs = sliceMs / 2;
    let yields = 0;
    const scheduler = createScheduler();
    const result = await withoutSetImmediate(() =>
      scheduler.runInSlices(busySteps(steps, stepMs), () => {
        // Asked once after each slice, so the steps did span several slices and yields.
        yields++;
        return false;
      }),
    );
    assert.strictEqual(result, steps);
    assert.ok(yields >= 2, `the analysis yielded ${yields} times; it should have spanned several slices`);
  });
});
