/**
 * Parses long manuscripts in a worker thread, so a 5 MB document never holds up the requests on other documents: its
 * parse (prose, citations, sentences) takes seconds that the server's event loop spends answering instead. Short
 * ones are parsed in process (cheaper than a round trip to the worker). One worker, one parse at a time; a document
 * edited while it waits is parsed once, in its newest text, and the waiters of the older text are told it is gone.
 * The worker stays a little while after its last parse (typing in a long document asks again soon), then stops.
 */
import { Worker } from 'worker_threads';
import type { Citation, Manuscript, ManuscriptLanguage, Sentence, Span } from './core/manuscript/types';
import type { ManuscriptParser } from './manuscriptParser';
import { sentenceKinds, type ChunkTaken, type EncodedManuscript, type ManuscriptParseAnswer, type ManuscriptParseRequest } from './manuscriptWorker';

/** How long an idle worker is kept. */
const idleMs = 10_000;

interface Job {
  id: number;
  uri: string;
  text: string;
  language: ManuscriptLanguage;
  waiters: ((manuscript: Manuscript | undefined, error?: Error) => void)[];
  /** The citations taken in so far, chunk by chunk. */
  citations: Citation[];
}

export function backgroundManuscripts(startWorker: () => Worker): ManuscriptParser {
  let worker: Worker | undefined;
  let running: Job | undefined;
  /** At most one waiting job per document: its newest text. */
  const queued = new Map<string, Job>();
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const settle = (job: Job, manuscript: Manuscript | undefined, error?: Error) => {
    for (const waiter of job.waiters) waiter(manuscript, error);
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    started.on('message', (answer: ManuscriptParseAnswer) => {
      const job = running;
      if (!job || job.id !== answer.id) return;
      if ('citations' in answer) {
        for (const citation of JSON.parse(answer.citations) as Citation[]) job.citations.push(citation);
        // Asked for after the messages that came meanwhile (requests on other documents), so they are answered first.
        setImmediate(() => started.postMessage({ taken: job.id } satisfies ChunkTaken));
        return;
      }
      running = undefined;
      if ('manuscript' in answer) settle(job, decode(job.text, job.language, job.citations, answer.manuscript));
      else settle(job, undefined, new Error(answer.error));
      next();
    });
    const fail = (error: Error) => {
      if (worker !== started) return;
      worker = undefined;
      const job = running;
      running = undefined;
      if (job) settle(job, undefined, error);
      next();
    };
    started.on('error', fail);
    started.on('exit', () => fail(new Error('the manuscript worker stopped')));
    worker = started;
    return started;
  };

  const next = () => {
    if (running) return;
    const [uri, job] = queued.entries().next().value ?? [];
    if (!uri || !job) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, idleMs);
      idleTimer.unref();
      return;
    }
    clearTimeout(idleTimer);
    queued.delete(uri);
    running = job;
    ensureWorker().postMessage({ id: job.id, text: job.text, language: job.language } satisfies ManuscriptParseRequest);
  };

  const stop = () => {
    const stopping = worker;
    worker = undefined;
    if (stopping) void stopping.terminate();
  };

  return {
    parse(uri, text, language) {
      return new Promise<Manuscript | undefined>((resolve, reject) => {
        const waiter = (manuscript: Manuscript | undefined, error?: Error) => (error ? reject(error) : resolve(manuscript));
        if (running && running.uri === uri && running.text === text && running.language === language) {
          running.waiters.push(waiter);
          return;
        }
        const waiting = queued.get(uri);
        if (waiting && waiting.text === text && waiting.language === language) {
          waiting.waiters.push(waiter);
          return;
        }
        // An older text of this document is no longer worth parsing: its waiters ask again with the current one.
        if (waiting) settle(waiting, undefined);
        queued.set(uri, { id: nextId++, uri, text, language, waiters: [waiter], citations: [] });
        next();
      });
    },
    dispose() {
      clearTimeout(idleTimer);
      for (const job of queued.values()) settle(job, undefined);
      queued.clear();
      stop();
    },
  };
}

/** The manuscript again, with its text and the sentences' texts (slices of it) put back. */
function decode(text: string, language: ManuscriptLanguage, citations: Citation[], encoded: EncodedManuscript): Manuscript {
  const spans = (array: Int32Array): Span[] => {
    const list: Span[] = new Array(array.length / 2);
    for (let i = 0; i < list.length; i++) list[i] = { start: array[2 * i]!, end: array[2 * i + 1]! };
    return list;
  };
  const sentences: Sentence[] = new Array(encoded.sentences.length / 4);
  for (let i = 0; i < sentences.length; i++) {
    const start = encoded.sentences[4 * i]!;
    const end = encoded.sentences[4 * i + 1]!;
    sentences[i] = { start, end, text: text.slice(start, end), kind: sentenceKinds[encoded.sentences[4 * i + 2]!]!, paragraph: encoded.sentences[4 * i + 3]! };
  }
  return { ...encoded, text, language, prose: spans(encoded.prose), paragraphs: spans(encoded.paragraphs), sentences, citations };
}
