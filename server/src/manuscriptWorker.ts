/**
 * The worker side of backgroundManuscripts.ts: parses one manuscript at a time with the core's parseManuscript, off the
 * server's event loop, and answers with everything but the text (which the server already holds). The sentences and
 * spans travel as typed arrays, transferred rather than copied, so taking in a 5 MB document's parse costs the main
 * thread little.
 */
import type { MessagePort } from 'worker_threads';
import { parseManuscript } from './core/manuscript';
import type { Manuscript, ManuscriptLanguage, SentenceKind } from './core/manuscript/types';

export interface ManuscriptParseRequest {
  id: number;
  text: string;
  language: ManuscriptLanguage;
}

/** The sentence kinds by index, as SentencesEncoded stores them. */
export const sentenceKinds: readonly SentenceKind[] = ['prose', 'heading', 'caption', 'list-item'];

/** A parse without its text; spans as [start, end, …], sentences as [start, end, kind, paragraph, …]. */
export interface EncodedManuscript extends Omit<Manuscript, 'text' | 'prose' | 'paragraphs' | 'sentences'> {
  prose: Int32Array;
  paragraphs: Int32Array;
  sentences: Int32Array;
}

export type ManuscriptParseAnswer = { id: number; manuscript: EncodedManuscript } | { id: number; error: string };

export function serveManuscriptParses(port: MessagePort): void {
  port.on('message', (request: ManuscriptParseRequest) => {
    try {
      const manuscript = parseManuscript(request.text, request.language);
      const encoded = encode(manuscript);
      port.postMessage({ id: request.id, manuscript: encoded } satisfies ManuscriptParseAnswer, [
        encoded.prose.buffer as ArrayBuffer,
        encoded.paragraphs.buffer as ArrayBuffer,
        encoded.sentences.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ManuscriptParseAnswer);
    }
  });
}

function encode(manuscript: Manuscript): EncodedManuscript {
  const { text: _text, prose, paragraphs, sentences, ...rest } = manuscript;
  const spans = (list: readonly { start: number; end: number }[]) => {
    const array = new Int32Array(list.length * 2);
    list.forEach((span, i) => {
      array[2 * i] = span.start;
      array[2 * i + 1] = span.end;
    });
    return array;
  };
  const encodedSentences = new Int32Array(sentences.length * 4);
  sentences.forEach((sentence, i) => {
    encodedSentences[4 * i] = sentence.start;
    encodedSentences[4 * i + 1] = sentence.end;
    encodedSentences[4 * i + 2] = sentenceKinds.indexOf(sentence.kind);
    encodedSentences[4 * i + 3] = sentence.paragraph;
  });
  // The getters of sentences and paragraphs are read above; the rest are plain data a structured clone carries.
  return { ...rest, prose: spans(prose), paragraphs: spans(paragraphs), sentences: encodedSentences };
}
