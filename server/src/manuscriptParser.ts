/**
 * What the server asks of a manuscript parser off its event loop (backgroundManuscripts.ts: a worker thread, in Node);
 * kept apart from the worker so the browser build, which has no worker threads, shares the server without it.
 */
import type { Manuscript, ManuscriptLanguage } from './core/manuscript/types';

/** Texts shorter than this are parsed in process: about 40 ms of parsing at most. */
export const inProcessParseLimit = 100 * 1024;

export interface ManuscriptParser {
  /**
   * The parse of `text`, made in the worker; undefined when a newer text of the same document was asked for before
   * this one was started (the caller asks again with the document's current text).
   */
  parse(uri: string, text: string, language: ManuscriptLanguage): Promise<Manuscript | undefined>;
  /** Stops the worker (after shutdown). */
  dispose(): void;
}

