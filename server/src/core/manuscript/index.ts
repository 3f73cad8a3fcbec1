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
import { findCitationsWithin } from './citations';
import { defaultAnalysisBudget, earlierStop, type AnalysisBudget, type AnalysisStop } from './limits';
import { findKeyDefinitions } from './definitions';
import { findLatexFiles } from './latexFiles';
import { findReferenceList } from './referenceList';
import { extractLatexProse } from './latex';
import { extractMarkdownProse } from './markdown';
import { extractPlaintextProse } from './plaintext';
import type { ProseBlock, ProseExtraction } from './proseCollector';
import { splitSentences, type SentenceSplit } from './sentences';
import type { Manuscript, ManuscriptLanguage, Span } from './types';

export * from './types';
export { defaultAnalysisBudget, MAX_ENTRIES_PER_CITATION, analysisStopMessage } from './limits';
export { findCitations, LATEX_CITE_COMMANDS, LATEX_MULTICITE_COMMANDS, MAX_EXPANDED_RANGE } from './citations';
export { isIdentifierKey, readIdentifier } from './identifiers';
export { findKeyDefinitions } from './definitions';
export { findLatexFiles } from './latexFiles';
export { findReferenceList, MAX_REFERENCE_LIST_ENTRIES } from './referenceList';
export { citationAt, isProse, sentenceAt } from './lookup';
export { clearSentenceCache, sentenceCacheStats } from './sentences';

/**
 * Parses a manuscript: its prose spans, paragraphs, sentences and citations. Never throws on any text. Past the
 * budget (limits.ts) nothing more is read: `analysisStop` says where and why.
 */
export function parseManuscript(text: string, language: ManuscriptLanguage, budget: AnalysisBudget = defaultAnalysisBudget): Manuscript {
  const extraction = extractProse(text, language);
  const proseCut = withinProseBudget(extraction.blocks, budget.maxProseCharacters);
  const proseInBudget = mergedPieces(proseCut.blocks);
  const found = findCitationsWithin(text, language, proseInBudget, budget);
  // The citation budget stops earlier than the prose budget when it is reached at all: prose then ends there too.
  const eagerStop = earlierStop(proseCut.stop, found.stop);
  const cutByCitations = eagerStop !== undefined && eagerStop === found.stop;
  const blocks = cutByCitations ? blocksBefore(proseCut.blocks, eagerStop.offset) : proseCut.blocks;
  const prose = cutByCitations ? mergedPieces(blocks) : proseInBudget;
  const citations = found.citations;
  // Sentence splitting is the costly part and completion or hover rarely need it: split on first use.
  let split: SentenceSplit | undefined;
  const sentencesAndParagraphs = () => (split ??= splitSentences(text, blocks, citations, budget.maxSentences));
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
    // The sentence budget is known only once sentences are split, so the stop is read on demand too.
    get analysisStop() {
      return earlierStop(eagerStop, sentencesAndParagraphs().stop);
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

/** The blocks holding the first `maxCharacters` characters of prose; the block that goes past the limit is cut at it. */
function withinProseBudget(blocks: ProseBlock[], maxCharacters: number): { blocks: ProseBlock[]; stop?: AnalysisStop } {
  let characters = 0;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    let inBlock = 0;
    for (const piece of block.pieces) inBlock += piece.end - piece.start;
    if (characters + inBlock <= maxCharacters) {
      characters += inBlock;
      continue;
    }
    const stopAt = offsetAfterCharacters(block, maxCharacters - characters);
    return { blocks: blocksBefore(blocks.slice(0, index + 1), stopAt), stop: { offset: stopAt, limit: 'prose-characters', count: maxCharacters } };
  }
  return { blocks };
}

/** The document offset after the first `count` prose characters of a block. */
function offsetAfterCharacters(block: ProseBlock, count: number): number {
  let left = count;
  for (const piece of block.pieces) {
    if (piece.end - piece.start >= left) return piece.start + left;
    left -= piece.end - piece.start;
  }
  return block.pieces[block.pieces.length - 1]!.end;
}

/** The blocks' prose before `offset`: later pieces dropped, the piece across it cut, empty blocks dropped. */
function blocksBefore(blocks: readonly ProseBlock[], offset: number): ProseBlock[] {
  const kept: ProseBlock[] = [];
  for (const block of blocks) {
    if (block.pieces.length === 0) continue;
    if (block.pieces[block.pieces.length - 1]!.end <= offset) {
      kept.push(block);
      continue;
    }
    const pieces: Span[] = [];
    for (const piece of block.pieces) {
      if (piece.start >= offset) break;
      pieces.push({ start: piece.start, end: Math.min(piece.end, offset) });
    }
    if (pieces.length > 0) kept.push({ kind: block.kind, pieces });
    break;
  }
  return kept;
}

/** All blocks' pieces in document order, touching pieces merged (a heading's text and its line break, say). */
function mergedPieces(blocks: readonly ProseBlock[]): Span[] {
  const spans: Span[] = [];
  for (const block of blocks) {
    for (const piece of block.pieces) {
      const last = spans[spans.length - 1];
      if (last && piece.start <= last.end) last.end = Math.max(last.end, piece.end);
      else spans.push({ start: piece.start, end: piece.end });
    }
  }
  return spans;
}
