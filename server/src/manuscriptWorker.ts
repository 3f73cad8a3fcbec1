/**
 * The worker side of backgroundManuscripts.ts: parses one manuscript at a time with the core's parseManuscript, off the
 * server's event loop, and answers with everything but the text (which the server already holds). The sentences and
 * spans travel as typed arrays, transferred rather than copied; the citations as JSON (V8 reads JSON faster than it
 * deserializes a clone) in chunks, each sent once the main thread took in the one before, so taking in a 5 MB
 * document's parse never holds the server for more than a few milliseconds at a time.
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

/** The main thread took in the last chunk of parse `taken`: the next may come. */
export interface ChunkTaken {
  taken: number;
}

/** Citations per chunk: a few milliseconds of JSON.parse for the main thread. */
export const citationsPerChunk = 1000;

/**
 * A parse without its text and citations (sent before it in chunks); spans as [start, end, …], sentences as
 * [start, end, kind, paragraph, …].
 */
export interface EncodedManuscript extends Omit<Manuscript, 'text' | 'prose' | 'paragraphs' | 'sentences' | 'citations'> {
  prose: Int32Array;
  paragraphs: Int32Array;
  sentences: Int32Array;
}

export type ManuscriptParseAnswer =
  /** JSON of Citation[], in document order. */
  | { id: number; citations: string }
  | { id: number; manuscript: EncodedManuscript }
  | { id: number; error: string };

export function serveManuscriptParses(port: MessagePort): void {
  /** What is left to send of the parse in hand: its citation chunks, then the rest. */
  let outgoing: { id: number; answers: (() => void)[] } | undefined;
  const sendNext = () => {
    const send = outgoing?.answers.shift();
    if (send) send();
    if (outgoing?.answers.length === 0) outgoing = undefined;
  };
  port.on('message', (message: ManuscriptParseRequest | ChunkTaken) => {
    if ('taken' in message) {
      if (outgoing?.id === message.taken) sendNext();
      return;
    }
    const { id } = message;
    try {
      const manuscript = parseManuscript(message.text, message.language);
      const encoded = encode(manuscript);
      const answers: (() => void)[] = [];
      for (let start = 0; start < manuscript.citations.length; start += citationsPerChunk) {
        const chunk = manuscript.citations.slice(start, start + citationsPerChunk);
        answers.push(() => port.postMessage({ id, citations: JSON.stringify(chunk) } satisfies ManuscriptParseAnswer));
      }
      answers.push(() =>
        port.postMessage({ id, manuscript: encoded } satisfies ManuscriptParseAnswer, [
          encoded.prose.buffer as ArrayBuffer,
          encoded.paragraphs.buffer as ArrayBuffer,
          encoded.sentences.buffer as ArrayBuffer,
        ]),
      );
      outgoing = { id, answers };
      sendNext();
    } catch (error) {
      outgoing = undefined;
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies ManuscriptParseAnswer);
    }
  });
}

function encode(manuscript: Manuscript): EncodedManuscript {
  const { text: _text, prose, paragraphs, sentences, citations: _citations, ...rest } = manuscript;
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
