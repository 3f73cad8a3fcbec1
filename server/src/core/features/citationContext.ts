/**
 * Recognises a citation being typed at the end of the text before the cursor: `[11, 1`, `[Caseiro`, `[11-`,
 * `\citep[see][]{caseiro2019, gon`, `[@caseiro2019; @ran`. The text is at most one line, so the patterns stay cheap.
 */
import { MAX_EXPANDED_RANGE, type ManuscriptLanguage } from '../manuscript';

export interface CitationContext {
  syntax: 'numeric' | 'latex' | 'pandoc';
  /** Offset (in the text before the cursor) of the opening bracket, brace or `@`. */
  openStart: number;
  /** Offset (in the text before the cursor) where the entry being typed starts; completion replaces from here. */
  queryStart: number;
  /** Free text being typed (author, title word, key…), if any. */
  textQuery?: string;
  /** Digits typed so far for a number, if the entry is a number. */
  numberPrefix?: string;
  /** The first number of a range whose end is being typed (`[11-`). */
  rangeFrom?: number;
  /** Numbers already written in this citation before the entry being typed. */
  citedNumbers: number[];
  /** Keys already written in this citation before the entry being typed. */
  citedKeys: string[];
}

const latexCitationOpen = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\[[^\]\n]*\]){0,2}\{([^{}\n]*)$/;
const pandocBracketOpen = /\[([^[\]\n]*)$/;
const keyCharacters = /^[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u;
/**
 * A key position holding words, not a key: `[@smith 2019`, `\cite{turkmen adipose`. Keys have no spaces, so this is a
 * search (or a key followed by a locator, which completion tells apart by whether the first word is a known key).
 */
const keySearchPattern = /^[\p{L}\p{N}_:.-]+(?:\s+[\p{L}\p{N}.'’&-]+)*\s*$/u;
const maxKeySearchLength = 60;

function isKeyQuery(query: string): boolean {
  return keyCharacters.test(query) || (query.length <= maxKeySearchLength && keySearchPattern.test(query));
}
/** A free-text query: starts with a letter, then words; no markup that would make this a link or a task box. */
const textQueryPattern = /^\p{L}[\p{L}\p{N}\s.'’&-]*$/u;
const numericEntry = /^\s*(\d+)\s*(?:[-–—]\s*(\d+))?\s*$/;

export function findCitationContext(before: string, language: ManuscriptLanguage): CitationContext | undefined {
  return latexContext(before) ?? pandocContext(before, language) ?? numericContext(before, language);
}

function latexContext(before: string): CitationContext | undefined {
  const match = latexCitationOpen.exec(before);
  if (!match) return undefined;
  const inner = match[1];
  const lastComma = inner.lastIndexOf(',');
  const written = inner.slice(lastComma + 1);
  const query = written.trimStart();
  if (!isKeyQuery(query)) return undefined;
  return {
    syntax: 'latex',
    openStart: match.index,
    queryStart: before.length - query.length,
    textQuery: query || undefined,
    citedNumbers: [],
    citedKeys: inner
      .slice(0, Math.max(0, lastComma))
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  };
}

function pandocContext(before: string, language: ManuscriptLanguage): CitationContext | undefined {
  if (language === 'latex') return undefined;
  const at = before.lastIndexOf('@');
  if (at === -1) return undefined;
  const query = before.slice(at + 1);
  if (!isKeyQuery(query)) return undefined;
  const bracket = pandocBracketOpen.exec(before.slice(0, at + 1));
  const inBracket = bracket !== null && /(^|[\s;,-])@$/.test(before.slice(bracket.index + 1, at + 1));
  // Outside brackets, `@key` cites only at the start of a word: "name@example.org" is an address.
  const bareCitation = !bracket && (at === 0 || /[\s(]/.test(before[at - 1]));
  if (!inBracket && !bareCitation) return undefined;
  // "As @smith 2019 showed": words after a bare `@key` are prose, not a search.
  if (!inBracket && /\s/.test(query)) return undefined;
  const written = bracket ? before.slice(bracket.index + 1, at) : '';
  return {
    syntax: 'pandoc',
    openStart: bracket ? bracket.index : at,
    queryStart: at + 1,
    textQuery: query || undefined,
    citedNumbers: [],
    citedKeys: [...written.matchAll(/@([\p{L}\p{N}_:.#$%&+?<>~/-]+)/gu)].map((key) => key[1]),
  };
}

function numericContext(before: string, language: ManuscriptLanguage): CitationContext | undefined {
  const match = pandocBracketOpen.exec(before);
  if (!match) return undefined;
  const open = match.index;
  const previous = before[open - 1];
  // `![alt`, `[^note`, and LaTeX optional arguments (`\section[`, `}[`) are not citations.
  if (previous === '!' || (language === 'latex' && previous !== undefined && /[\\\w}\]]/.test(previous))) return undefined;
  const inner = match[1];
  if (inner.startsWith('^') || inner.startsWith('@')) return undefined;
  const separator = Math.max(inner.lastIndexOf(','), inner.lastIndexOf(';'));
  const done = separator === -1 ? [] : inner.slice(0, separator).split(/[,;]/);
  const citedNumbers: number[] = [];
  for (const entry of done) {
    if (!entry.trim()) continue;
    const numbers = numericEntry.exec(entry);
    if (!numbers) return undefined;
    const from = Number(numbers[1]);
    const to = numbers[2] === undefined ? from : Number(numbers[2]);
    // Only small ranges are expanded; a reversed or absurd range excludes nothing.
    if (to >= from && to - from <= MAX_EXPANDED_RANGE) for (let n = from; n <= to; n++) citedNumbers.push(n);
  }
  const current = inner.slice(separator + 1);
  const query = current.trimStart();
  const queryStart = before.length - query.length;
  const base = { syntax: 'numeric' as const, openStart: open, citedNumbers, citedKeys: [] };

  const range = /^(\d+)\s*[-–—]\s*(\d*)$/.exec(query);
  if (range) {
    const rangeEndStart = before.length - range[2].length;
    return { ...base, queryStart: rangeEndStart, rangeFrom: Number(range[1]), numberPrefix: range[2] || undefined };
  }
  if (/^\d*$/.test(query)) return { ...base, queryStart, numberPrefix: query || undefined };
  // `- [x` at the start of a list item is a task box; anywhere else one letter already starts a search (`[C`).
  if (/^[xX]$/.test(query) && isListItemStart(before.slice(0, open))) return undefined;
  if (query.length >= 1 && query.length <= 60 && textQueryPattern.test(query)) {
    return { ...base, queryStart, textQuery: query };
  }
  return undefined;
}

/** Whether the text before a bracket is only a list marker: `- `, `* `, `+ `, `1. `, `2) `. */
function isListItemStart(beforeBracket: string): boolean {
  return /^\s*(?:[-*+]|\d+[.)])\s+$/.test(beforeBracket);
}
