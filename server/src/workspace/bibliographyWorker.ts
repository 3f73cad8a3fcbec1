/**
 * Entry point of dist/bibliographyWorker.js: reads one bibliography in a worker thread, so a library of 10^5 entries
 * never holds up the server's requests. It parses the text and answers in pieces (see backgroundParser.ts): the
 * references in chunks (each one JSON for the main thread to take in between requests), each chunk indexed just after
 * it is sent (so the main thread takes it in meanwhile), then the problems and the index, whose typed arrays are
 * transferred, not copied.
 */
import { parentPort } from 'worker_threads';
import { SearchIndexBuilder, indexedAbstract, searchIndexBuffers, type SearchIndexData } from '../core/knowledge/search';
import type { Reference, ReferenceSource, SourceProblem } from '../core/knowledge/model';
import { readBibliographySource, type BibliographyFormat } from '../core/sources';
import { decodedText } from '../bibliography';

export interface ParseRequest {
  id: number;
  /** The file's text, or its UTF-8 bytes (decoded here, off the main thread). */
  content: string | Uint8Array;
  uri: string;
  format: BibliographyFormat;
}

/** The main thread took in a chunk of reading `id`: the next may come. */
export interface ChunkTaken {
  taken: number;
}

/** A reference as it crosses the thread boundary: without its source, and its location without the file's URI. */
export type ChunkReference = Omit<Reference, 'source' | 'location'> & { location?: Omit<NonNullable<Reference['location']>, 'uri'> & { uri?: string } };

export type WorkerAnswer =
  /** `chunk` is the JSON of ChunkReference[]: V8 reads JSON several times faster than it deserializes a clone. */
  | { id: number; chunk: string }
  | { id: number; done: { source?: ReferenceSource; problems: SourceProblem[]; searchIndex: SearchIndexData; parseMs: number; indexMs: number } }
  | { id: number; error: string };

/** References per message: few enough that taking one in costs the main thread a few milliseconds. */
export const referencesPerChunk = 1000;
/** Chunks sent ahead of the main thread's acknowledgement: Node takes in every queued message in one go, so few. */
const chunksInFlight = 2;

interface Outgoing {
  request: ParseRequest;
  references: Reference[];
  next: number;
  /** Indexes each chunk just after it is sent, while the main thread takes it in. */
  index: SearchIndexBuilder;
  indexMs: number;
  source?: ReferenceSource;
  problems: SourceProblem[];
  parseMs: number;
}
const outgoing = new Map<number, Outgoing>();

function answer(message: WorkerAnswer, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function lightened(reference: Reference, uri: string): ChunkReference {
  const { source: _source, location, ...rest } = reference;
  // Nothing reads an abstract past the words the index takes: the rest need not cross.
  const item = rest.item.abstract ? { ...rest.item, abstract: indexedAbstract(rest.item.abstract) } : rest.item;
  if (!location) return { ...rest, item };
  return { ...rest, item, location: { line: location.line, character: location.character, ...(location.uri === uri ? {} : { uri: location.uri }) } };
}

/** Sends the next chunk of reading `id` and indexes it, or, after the last, the problems and the index. */
function sendNext(id: number): void {
  const reading = outgoing.get(id);
  if (!reading) return;
  if (reading.next >= reading.references.length) {
    outgoing.delete(id);
    const started = performance.now();
    const searchIndex = reading.index.finish();
    const indexMs = reading.indexMs + performance.now() - started;
    const done = { source: reading.source, problems: reading.problems, searchIndex, parseMs: reading.parseMs, indexMs };
    answer({ id, done }, searchIndexBuffers(searchIndex));
    return;
  }
  const slice = reading.references.slice(reading.next, reading.next + referencesPerChunk);
  reading.next += referencesPerChunk;
  answer({ id, chunk: JSON.stringify(slice.map((reference) => lightened(reference, reading.request.uri))) });
  const started = performance.now();
  reading.index.add(slice);
  reading.indexMs += performance.now() - started;
}

function read(request: ParseRequest): void {
  try {
    const started = performance.now();
    const reading = readBibliographySource(decodedText(request.content), request.uri, request.format);
    request.content = '';
    const parsed = performance.now();
    outgoing.set(request.id, {
      request,
      references: reading.references,
      next: 0,
      index: new SearchIndexBuilder(),
      indexMs: 0,
      source: reading.references[0]?.source,
      problems: reading.problems,
      parseMs: parsed - started,
    });
    for (let sent = 0; sent < chunksInFlight; sent++) sendNext(request.id);
  } catch (error) {
    answer({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
}

parentPort?.on('message', (message: ParseRequest | ChunkTaken) => {
  if ('taken' in message) sendNext(message.taken);
  else read(message);
});
