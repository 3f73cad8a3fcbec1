/**
 * The manuscript model: prose, sentences and citations of a Markdown, LaTeX or plain-text document.
 *
 * parseManuscript runs three passes, each linear in the text: a per-language prose extractor (markdown.ts,
 * latex.ts, plaintext.ts) yields blocks of prose pieces; citations.ts scans only those pieces; sentences.ts
 * splits each block. Invariants: every span list is sorted and non-overlapping; citations lie inside prose
 * (LaTeX cite commands are kept as prose for that reason); nothing after referenceListStart is prose unless a
 * later heading of the same or higher level ends the reference list; absurd ranges are never expanded.
 * Side passes, also linear: Manubot key definitions (definitions.ts), LaTeX bibliography and include commands
 * (latexFiles.ts) and the manuscript's own numbered reference list (referenceList.ts).
 */
import { findCitations } from './citations';
import { findKeyDefinitions } from './definitions';
import { findLatexFiles } from './latexFiles';
import { findReferenceList } from './referenceList';
import { extractLatexProse } from './latex';
import { extractMarkdownProse } from './markdown';
import { extractPlaintextProse } from './plaintext';
import type { ProseExtraction } from './proseCollector';
import { splitSentences, type SentenceSplit } from './sentences';
import type { Manuscript, ManuscriptLanguage, Span } from './types';

export * from './types';
export { findCitations, LATEX_CITE_COMMANDS, LATEX_MULTICITE_COMMANDS, MAX_EXPANDED_RANGE } from './citations';
export { isIdentifierKey, readIdentifier } from './identifiers';
export { findKeyDefinitions } from './definitions';
export { findLatexFiles } from './latexFiles';
export { findReferenceList, MAX_REFERENCE_LIST_ENTRIES } from './referenceList';
export { citationAt, isProse, sentenceAt } from './lookup';
export { clearSentenceCache, sentenceCacheStats } from './sentences';

/** Parses a manuscript: its prose spans, paragraphs, sentences and citations. Never throws on any text. */
export function parseManuscript(text: string, language: ManuscriptLanguage): Manuscript {
  const extraction = extractProse(text, language);
  const prose = mergedPieces(extraction);
  const citations = findCitations(text, language, prose);
  // Sentence splitting is the costly part and completion or hover rarely need it: split on first use.
  let split: SentenceSplit | undefined;
  const sentencesAndParagraphs = () => (split ??= splitSentences(text, extraction.blocks, citations));
  const manuscript: Manuscript = {
    text,
    language,
    prose,
    citations,
    get sentences() {
      return sentencesAndParagraphs().sentences;
    },
    get paragraphs() {
      return sentencesAndParagraphs().paragraphs;
    },
  };
  if (extraction.referenceListStart !== undefined) manuscript.referenceListStart = extraction.referenceListStart;
  const referenceList = findReferenceList(text, language, extraction.referenceListStart);
  if (referenceList) manuscript.referenceList = referenceList;
  if (language === 'markdown') {
    const definitions = findKeyDefinitions(text);
    if (definitions.size > 0) manuscript.tagDefinitions = definitions;
  }
  if (language === 'latex') {
    const files = findLatexFiles(text);
    if (files.bibliographyCommands.length > 0) manuscript.bibliographyCommands = files.bibliographyCommands;
    if (files.includes.length > 0) manuscript.includes = files.includes;
  }
  return manuscript;
}

function extractProse(text: string, language: ManuscriptLanguage): ProseExtraction {
  switch (language) {
    case 'markdown':
      return extractMarkdownProse(text);
    case 'latex':
      return extractLatexProse(text);
    default:
      return extractPlaintextProse(text);
  }
}

/** All blocks' pieces in document order, touching pieces merged (a heading's text and its line break, say). */
function mergedPieces(extraction: ProseExtraction): Span[] {
  const spans: Span[] = [];
  for (const block of extraction.blocks) {
    for (const piece of block.pieces) {
      const last = spans[spans.length - 1];
      if (last && piece.start <= last.end) last.end = Math.max(last.end, piece.end);
      else spans.push({ start: piece.start, end: piece.end });
    }
  }
  return spans;
}
