/**
 * `npm run bench` (memory part): the bundled server's resident memory (VmRSS of /proc/<pid>/status) as an editor
 * uses it for long: 10,000 distinct documents opened, linted and closed (50 at a time), then 100 edits of the
 * 100,000-word thesis, then 2,000 edits of a 5,000-word draft, each edit waiting for its diagnostics. Memory should
 * come back near its start once documents are closed, and stay flat over edits. Not a test: it never fails on size.
 *
 *   node --import tsx test/bench/serverMemoryBench.ts [documents] [thesisEdits] [draftEdits]
 *   SECRETOME_SERVER=/path/to/older/dist/server.js …   to measure another build the same way
 */
import * as fs from 'fs';
import { startClient, type LspClient } from '../server/lspClient';
import { makeManuscript } from './manuscriptGenerator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMegabytes(client: LspClient): number {
  const status = fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** A short manuscript of its own: every paragraph carries the document's number, so no two documents share one. */
function documentText(index: number): string {
  return makeManuscript(400).replace(/Cohort (\d+)/g, (_, cohort) => `Cohort ${index}-${cohort}`);
}

/** `text` with `count` letters typed in the middle of a word, as after that many keystrokes. */
function typed(text: string, count: number): string {
  const middle = text.indexOf('fibrosis', text.length / 2);
  return `${text.slice(0, middle)}${'x'.repeat(count)}${text.slice(middle)}`;
}

async function main(): Promise<void> {
  const [documents = 10_000, thesisEdits = 100, draftEdits = 2_000] = process.argv.slice(2).map(Number);
  const client = await startClient();
  const line = (label: string) => console.log(`  ${label.padEnd(58)} ${rssMegabytes(client).toFixed(0).padStart(5)} MB`);
  try {
    console.log(`\nserver memory (RSS), ${process.env.SECRETOME_SERVER ?? 'dist/server.js'}`);
    const probe = 'file:///memory/probe.md';
    await client.open(probe, 'markdown', 'TGF-β may hold stem cells in quiescence [30, 31].\n');
    await client.diagnostics(probe);
    await client.close(probe);
    await sleep(500);
    line('started, one document linted and closed');

    const batch = 50;
    for (let first = 0; first < documents; first += batch) {
      const uris = Array.from({ length: Math.min(batch, documents - first) }, (_, k) => `file:///memory/doc-${first + k}.md`);
      await Promise.all(uris.map((uri, k) => client.open(uri, 'markdown', documentText(first + k))));
      await Promise.all(uris.map((uri) => client.diagnostics(uri)));
      await Promise.all(uris.map((uri) => client.close(uri)));
      if ((first + batch) % 2000 === 0) line(`${(first + batch).toLocaleString('en')} documents opened, linted and closed`);
    }
    await sleep(2000);
    line('2 s later');

    const thesis = 'file:///memory/thesis.md';
    const thesisText = makeManuscript(100_000);
    await client.open(thesis, 'markdown', thesisText);
    await client.diagnostics(thesis);
    line('100,000-word thesis open and linted');
    for (let edit = 1; edit <= thesisEdits; edit++) {
      await client.change(thesis, edit + 1, typed(thesisText, edit));
      await client.diagnostics(thesis, edit + 1);
      if (edit % 25 === 0) line(`after ${edit} edits of the thesis`);
    }
    await client.close(thesis);
    await sleep(2000);
    line('thesis closed, 2 s later');

    const draft = 'file:///memory/draft.md';
    const draftText = makeManuscript(5_000);
    await client.open(draft, 'markdown', draftText);
    await client.diagnostics(draft);
    line('5,000-word draft open and linted');
    for (let edit = 1; edit <= draftEdits; edit++) {
      await client.change(draft, edit + 1, typed(draftText, edit));
      await client.diagnostics(draft, edit + 1);
      if (edit % 500 === 0) line(`after ${edit.toLocaleString('en')} edits of the draft`);
    }
  } finally {
    await client.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
