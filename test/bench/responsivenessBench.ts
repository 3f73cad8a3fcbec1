/**
 * `npm run bench` (responsiveness part): how long a hover on a small document waits while the bundled server
 * (`node dist/server.js --stdio`) analyses a 5 MB manuscript, against the same hover when the server is idle, in the
 * same process. A hover on the small document is sent every 20 ms (each after the previous answer) from the moment
 * the long document is opened until its diagnostics are published: parse and lint both fall in that window. Run twice:
 * with the default settings (the lint stops at maxDiagnostics, 200 findings) and uncapped (maxDiagnostics 10^6, the
 * longest the lint can run, and 8,000 diagnostics published at the end). Not a test: it never fails on time.
 *
 *   node --import tsx test/bench/responsivenessBench.ts [megabytes]
 *   SECRETOME_SERVER=/path/to/older/dist/server.js …   to measure another build the same way
 */
import { startClient } from '../server/lspClient';
import { makeManuscript } from './manuscriptGenerator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** A generated manuscript of about `megabytes` MB (the generator's paragraphs are about 6.7 characters a word). */
function manuscriptOf(megabytes: number): string {
  return makeManuscript(Math.round((megabytes * 1024 * 1024) / 6.75));
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 5);
  for (const [label, settings] of [
    ['default settings', {}],
    ['no diagnostics cap', { lint: { maxDiagnostics: 1_000_000 } }],
  ] as const) {
    await measureHovers(megabytes, label, settings);
  }
}

async function measureHovers(megabytes: number, label: string, settings: Record<string, unknown>): Promise<void> {
  const client = await startClient(settings);
  const small = 'file:///bench/small.md';
  const big = 'file:///bench/big.md';
  try {
    await client.open(small, 'markdown', 'TGF-β may hold stem cells in quiescence [30, 31].\n');
    await client.diagnostics(small);
    const hoverSmall = async () => {
      const start = performance.now();
      const hover = await client.hover(small, { line: 0, character: 2 });
      if (!hover) throw new Error('the hover on the small document answered nothing');
      return performance.now() - start;
    };
    for (let run = 0; run < 20; run++) await hoverSmall();
    const idle: number[] = [];
    for (let run = 0; run < 100; run++) {
      idle.push(await hoverSmall());
      await sleep(20);
    }

    const text = manuscriptOf(megabytes);
    const opened = performance.now();
    // Polled, not awaited with client.diagnostics: an uncapped lint of 5 MB takes longer than its 15 s.
    let done = false;
    const published = (async () => {
      for (;;) {
        const diagnostics = client.published().get(big);
        if (diagnostics) return { at: performance.now(), count: diagnostics.length };
        if (performance.now() - opened > 300_000) throw new Error(`no diagnostics for the long document; stderr:\n${client.stderr()}`);
        await sleep(5);
      }
    })().finally(() => (done = true));
    await client.open(big, 'markdown', text);
    const busy: number[] = [];
    let answeredBeforeDiagnostics = 0;
    while (!done) {
      busy.push(await hoverSmall());
      if (!done) answeredBeforeDiagnostics++;
      await sleep(20);
    }
    const { at, count } = await published;
    const format = (values: number[]) =>
      `median ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} hovers)`;
    console.log(`\nresponsiveness, ${label}: hover on a small document (round trip over stdio), ${process.env.SECRETOME_SERVER ?? 'dist/server.js'}`);
    console.log(`  server idle:                                  ${format(idle)}`);
    console.log(`  while a ${(text.length / 2 ** 20).toFixed(1)} MB document is parsed and linted: ${format(busy)}`);
    console.log(`  the long document's ${count} diagnostics published ${((at - opened) / 1000).toFixed(1)} s after it was opened; ${answeredBeforeDiagnostics} hovers answered before them`);
  } finally {
    await client.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
