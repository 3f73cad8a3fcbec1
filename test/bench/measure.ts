/** Timing for the benchmarks: medians and 90th percentiles, reported as ratios to a baseline run in the same process. */

export interface Measurement {
  name: string;
  median: number;
  p90: number;
}

export interface MeasureOptions {
  /** Untimed runs first (numbered below 0), so the JIT and caches settle. */
  warmup?: number;
  /** Work done before each run, not timed (clearing caches for a cold run, say). */
  prepare?: (run: number) => void;
}

export function measure(name: string, runs: number, work: (run: number) => void, options: MeasureOptions = {}): Measurement {
  const warmup = Math.min(options.warmup ?? 5, runs);
  const times: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    options.prepare?.(run);
    const start = performance.now();
    work(run);
    if (run >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)] };
}

/** Prints one table: each measurement's median, 90th percentile and ratio to the baseline's median. */
export function report(measurements: Measurement[], baseline: Measurement): void {
  const width = Math.max(...measurements.map((m) => m.name.length));
  console.log(`${'measure'.padEnd(width)}  median ms   p90 ms   × baseline`);
  for (const m of measurements) {
    console.log(
      `${m.name.padEnd(width)}  ${m.median.toFixed(3).padStart(9)}  ${m.p90.toFixed(3).padStart(7)}  ${(m.median / baseline.median).toFixed(1).padStart(10)}`,
    );
  }
}
