/**
 * Reads large bibliographies in a worker thread (dist/bibliographyWorker.js), small ones in process: starting a
 * worker costs tens of milliseconds, parsing a small file less. The worker parses and builds the search index; the
 * main thread only takes in the references chunk by chunk (each chunk its own message, so requests are answered in
 * between) and the index's arrays, which are transferred. The worker is started on first need, kept while there is
 * work, and stopped when idle so it holds no memory between loads.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { decodedText, type BibliographyParser, type ParsedBibliography } from '../bibliography';
import type { Reference, ReferenceSource } from '../core/knowledge/model';
import { readBibliographySource } from '../core/sources';
import type { ChunkReference, ChunkTaken, ParseRequest, WorkerAnswer } from './bibliographyWorker';

/**
 * Files shorter than this (bytes or characters) are parsed in process: about 2,000 BibTeX entries with abstracts, tens
 * of milliseconds, less than starting a worker and sending the references back.
 */
const inProcessLimit = 2 * 1024 * 1024;

interface Pending {
  uri: string;
  references: Reference[];
  /** Links each chunk to the review as it is taken in, so no single step links the whole library. */
  link?: (references: Reference[]) => Reference[];
  resolve: (reading: ParsedBibliography) => void;
  reject: (error: Error) => void;
}

export function backgroundParser(workerFile = path.join(__dirname, 'bibliographyWorker.js')): BibliographyParser {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };

  const start = (): Worker => {
    const started = new Worker(workerFile);
    started.on('message', (message: WorkerAnswer) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if ('chunk' in message) {
        // The source is set when the last message names it; until then each reference waits without one.
        const chunk = JSON.parse(message.chunk) as ChunkReference[];
        for (const reference of chunk) if (reference.location) reference.location.uri ??= waiting.uri;
        for (const reference of waiting.link ? waiting.link(chunk as Reference[]) : (chunk as Reference[])) waiting.references.push(reference);
        // Asked for after the requests that came meanwhile, so a long library never holds them up.
        setImmediate(() => started.postMessage({ taken: message.id } satisfies ChunkTaken));
        return;
      }
      pending.delete(message.id);
      if ('done' in message) {
        const source: ReferenceSource | undefined = message.done.source;
        if (source) for (const reference of waiting.references) reference.source = source;
        waiting.resolve({
          references: waiting.references,
          problems: message.done.problems,
          searchIndex: message.done.searchIndex,
          timings: { parseMs: message.done.parseMs, indexMs: message.done.indexMs },
          linked: waiting.link !== undefined,
        });
      } else waiting.reject(new Error(message.error));
      if (pending.size === 0) {
        void started.terminate();
        if (worker === started) worker = undefined;
      }
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', () => {
      if (worker === started && pending.size > 0) failAll(new Error('the bibliography worker stopped'));
    });
    return started;
  };

  return async (content, uri, format, link) => {
    if (content.length < inProcessLimit) return readBibliographySource(decodedText(content), uri, format);
    worker ??= start();
    const id = nextId++;
    const reading = new Promise<ParsedBibliography>((resolve, reject) => pending.set(id, { uri, references: [], link, resolve, reject }));
    // Bytes are handed over (transferred, when they fill their buffer), not copied; the worker decodes them.
    const ownsBuffer = typeof content !== 'string' && content.byteOffset === 0 && content.byteLength === content.buffer.byteLength;
    const request: ParseRequest = { id, content, uri, format };
    worker.postMessage(request, ownsBuffer ? [content.buffer as ArrayBuffer] : []);
    return reading;
  };
}
