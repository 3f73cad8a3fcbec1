/**
 * Parses large bibliographies in a worker thread (dist/bibliographyWorker.js), small ones in process: starting a
 * worker costs tens of milliseconds, parsing a small file less. The worker is started on first need, kept while
 * there is work, and stopped when idle so it holds no memory between loads.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { BibliographyParser } from '../bibliography';
import type { SourceReading } from '../core/knowledge/model';
import { readBibliographySource } from '../core/sources';

/** Texts shorter than this are parsed in process (about 1,500 BibTeX entries: a few tens of milliseconds). */
const inProcessLimit = 1024 * 1024;

export function backgroundParser(workerFile = path.join(__dirname, 'bibliographyWorker.js')): BibliographyParser {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (reading: SourceReading) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };

  const start = (): Worker => {
    const started = new Worker(workerFile);
    started.on('message', (message: { id: number; reading?: SourceReading; error?: string }) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.reading) waiting.resolve(message.reading);
      else waiting.reject(new Error(message.error ?? 'the bibliography worker failed'));
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

  return async (text, uri, format) => {
    if (text.length < inProcessLimit) return readBibliographySource(text, uri, format);
    worker ??= start();
    const id = nextId++;
    const reading = new Promise<SourceReading>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, text, uri, format });
    return reading;
  };
}
