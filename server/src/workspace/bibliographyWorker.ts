/**
 * Entry point of dist/bibliographyWorker.js: parses one bibliography in a worker thread, so a library of 10^5
 * entries never holds up the server's requests. It receives the text and answers with the SourceReading.
 */
import { parentPort } from 'worker_threads';
import { readBibliographySource, type BibliographyFormat } from '../core/sources';

export interface ParseRequest {
  id: number;
  text: string;
  uri: string;
  format: BibliographyFormat;
}

parentPort?.on('message', (request: ParseRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, reading: readBibliographySource(request.text, request.uri, request.format) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
