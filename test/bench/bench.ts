/**
 * `npm run bench`: medians of completion, hover and server start-up, each with its ratio to a baseline measured in the
 * same process (a plain scan of the same text), since these machines are noisy. Not a test: it never fails on time.
 */
import { spawn } from 'child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { serverPath } from '../server/lspClient';
import { clearSentenceCache } from '../../server/src/core/manuscript';
import { makeManuscript } from './manuscriptGenerator';
import { measure as measureWith, report, type Measurement } from './measure';

/** Completion and hover are quick: 20 untimed runs first let the JIT settle. */
const measure = (name: string, runs: number, work: (run: number) => void): Measurement => measureWith(name, runs, work, { warmup: 20 });

async function serverStartTimes(runs: number): Promise<{ initialize: number[]; firstHover: number[] }> {
  const initialize: number[] = [];
  const firstHover: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const responses = new Map<number, () => void>();
    let buffer = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())![1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id !== undefined && responses.has(message.id)) responses.get(message.id)!();
      }
    });
    const request = (id: number, method: string, params: object) =>
      new Promise<void>((resolve) => {
        responses.set(id, resolve);
        send({ id, method, params });
      });
    await request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
    initialize.push(performance.now() - started);
    send({ method: 'initialized', params: {} });
    send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'file:///bench.md', languageId: 'markdown', version: 1, text: 'TGF-β may induce quiescence [30-31].' } },
    });
    await request(2, 'textDocument/hover', { textDocument: { uri: 'file:///bench.md' }, position: { line: 0, character: 2 } });
    firstHover.push(performance.now() - started);
    child.kill();
  }
  return { initialize, firstHover };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const dataset = loadBundledDataset();
  const service = createLanguageService({ dataset });
  const config = resolveConfig();
  const manuscript = makeManuscript(5000);
  const words = manuscript.split(/\s+/).length;
  const tail = '\n\nChronic diabetic ulcers closed faster with secretome gels [Caseiro';
  const text = manuscript + tail;
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const variants = (tailText: string) => {
    const document = TextDocument.create(`file:///${tailText.length}.md`, 'markdown', 1, manuscript + tailText);
    const last = document.lineCount - 1;
    return { document, position: { line: last, character: document.getText().split('\n')[last].length } };
  };
  const typo = variants('\n\nProfiles differ between sources [Casiero');
  const empty = variants('\n\nChronic diabetic ulcers closed faster with secretome gels [');
  const term = variants('\n\nSignalling through transforming gr');
  for (const variant of [typo, empty, term]) service.parse(variant.document);
  const hoverLine = lines.findIndex((line) => line.includes('[27-29]'));
  const citationHover = { line: hoverLine, character: lines[hoverLine].indexOf('[27-29]') + 2 };
  const termLine = lines.findIndex((line) => line.includes('TGF-β'));
  const termHover = { line: termLine, character: lines[termLine].indexOf('TGF-β') + 1 };

  let version = 1;
  const edited = () => TextDocument.create('file:///bench.md', 'markdown', ++version, text);
  const cached = TextDocument.create('file:///cached.md', 'markdown', 1, text);
  service.parse(cached);

  const baseline = measure('baseline: scan the text once', 200, () => {
    let count = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) count++;
    if (count < 0) throw new Error('unreachable');
  });
  const results = [
    baseline,
    measure('parse, first time (no cached sentence splits)', 100, () => {
      clearSentenceCache();
      service.parse(edited()).sentences;
    }),
    measure('parse after an edit, with sentences', 200, () => service.parse(edited()).sentences),
    measure('completion [Caseiro, cached parse', 500, () => service.doComplete(cached, end, config)),
    measure('completion [Caseiro, after an edit', 200, () => service.doComplete(edited(), end, config)),
    measure('completion [Casiero (typo), cached parse', 500, () => service.doComplete(typo.document, typo.position, config)),
    measure('completion [ (all 54), cached parse', 500, () => service.doComplete(empty.document, empty.position, config)),
    measure('completion "transforming gr", cached parse', 500, () => service.doComplete(term.document, term.position, config)),
    measure('hover [27-29], cached parse', 500, () => service.doHover(cached, citationHover, config)),
    measure('hover TGF-β, cached parse', 500, () => service.doHover(cached, termHover, config)),
    measure('hover [27-29], after an edit', 200, () => service.doHover(edited(), citationHover, config)),
  ];
  console.log(`Manuscript: ${words} words, ${text.length} characters\n`);
  report(results, baseline);

  const start = await serverStartTimes(10);
  console.log(
    `\nserver start (node dist/server.js --stdio), median of 10: initialize response ${median(start.initialize).toFixed(1)} ms, first hover response ${median(start.firstHover).toFixed(1)} ms`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
