/**
 * `npm run bench` (navigation part, over the protocol): find references from a .bib entry across a workspace of
 * 1,000 closed Markdown manuscripts that name the .bib, read from disk by the server (dist/server.js). "All cite"
 * has every manuscript cite the key; "1 in 100" has ten cite it, the others other keys (those are passed over
 * unparsed). "First" is the first request (every file read and discovered); "again" the median of later ones (files
 * cached by mtime and size). The baseline, measured in the same process, is reading the 1,000 files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ReferencesRequest, type Location } from 'vscode-languageserver-protocol';
import { startClient } from '../server/lspClient';

const manuscripts = 1000;
const paragraph = 'Secretome therapy was studied in many settings, and the results were mixed across trials. '.repeat(20);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

async function workspaceOf(citing: (index: number) => boolean): Promise<{ folder: string; files: string[] }> {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-bench-wide-')));
  fs.writeFileSync(path.join(folder, 'refs.bib'), '@article{smith2020,\n  title = {Generated entry},\n  year = {2020}\n}\n');
  const files: string[] = [];
  for (let index = 0; index < manuscripts; index++) {
    const file = path.join(folder, `part${index % 10}`, `chapter${index}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `---\nbibliography: ../refs.bib\n---\n\n${paragraph}\n\nBurns heal [@${citing(index) ? 'smith2020' : `other${index}`}].\n`);
    files.push(file);
  }
  return { folder, files };
}

export async function runWorkspaceNavigationBench(): Promise<void> {
  const lines: string[] = [];
  let baselineMs = 0;
  for (const [label, citing] of [
    ['all cite', () => true],
    ['1 in 100', (index: number) => index % 100 === 0],
  ] as const) {
    const { folder, files } = await workspaceOf(citing);
    baselineMs = Math.max(baselineMs, (await timed(async () => Promise.all(files.map((file) => fs.promises.readFile(file, 'utf8'))))).ms);
    const client = await startClient({}, folder);
    try {
      const uri = pathToFileURL(path.join(folder, 'refs.bib')).href;
      await client.open(uri, 'bibtex', fs.readFileSync(path.join(folder, 'refs.bib'), 'utf8'));
      const ask = () => client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 }, context: { includeDeclaration: false } }) as Promise<Location[]>;
      const first = await timed(ask);
      const again: number[] = [];
      for (let run = 0; run < 5; run++) again.push((await timed(ask)).ms);
      again.sort((a, b) => a - b);
      const found = first.result.length;
      lines.push(`${label}: first ${first.ms.toFixed(0)} ms, again ${again[2]!.toFixed(0)} ms (${found} references)`);
    } finally {
      await client.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  console.log(`\nreferences from a .bib over ${manuscripts.toLocaleString('en')} closed manuscripts (baseline: reading them, ${baselineMs.toFixed(0)} ms)`);
  for (const line of lines) console.log(`  ${line}`);
}
