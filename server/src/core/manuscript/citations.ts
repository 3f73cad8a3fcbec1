/**
 * Finds citations in prose: numeric brackets (`[13]`, `[11-18]`, `[1, 3-5]`), LaTeX cite commands
 * (`\citep[see][p.~3]{key}`) and Pandoc citations (`[@key; @other]`, author-in-text `@key`).
 *
 * Every scan is linear: each scanner stops at the first character that cannot belong to the construct
 * it is reading, and the regions two scans read never overlap by more than a delimiter, so a 5 MB
 * line or a run of unclosed brackets costs one pass.
 */
import type { Citation, CitationEntry, CitationProblem, ManuscriptLanguage, Span } from './types';
import { skipSpaces } from './proseCollector';
import { isIdentifierKey, readIdentifier } from './identifiers';
import { MAX_ENTRIES_PER_CITATION, type AnalysisBudget, type AnalysisStop } from './limits';

/** A range covering more numbers than this is taken for a typo and never expanded. */
export const MAX_EXPANDED_RANGE = 200;

/** LaTeX commands (natbib, biblatex and plain LaTeX) whose last braced argument is a list of keys. */
export const LATEX_CITE_COMMANDS: ReadonlySet<string> = new Set([
  'cite', 'Cite', 'citep', 'Citep', 'citet', 'Citet', 'citealp', 'Citealp', 'citealt', 'Citealt',
  'citeauthor', 'Citeauthor', 'citeyear', 'citeyearpar', 'citetitle', 'citenum',
  'autocite', 'Autocite', 'parencite', 'Parencite', 'textcite', 'Textcite', 'footcite', 'Footcite',
  'footcitetext', 'smartcite', 'Smartcite', 'supercite', 'fullcite', 'footfullcite', 'nocite',
  'citeurl', 'citedate', 'Citetitle', 'Citeyear', 'Citeyearpar',
]);

/**
 * Finds the citations inside the given spans of `text` (the manuscript's prose), in document order.
 * Without spans the whole text is scanned. A citation never crosses a span boundary.
 */
export function findCitations(text: string, language: ManuscriptLanguage, spans?: readonly Span[]): Citation[] {
  return findCitationsWithin(text, language, spans).citations;
}

/**
 * The citations inside the spans, as findCitations, up to the budget's citations and entries: the citation that
 * would go past either is left out, and the scan stops at its start.
 */
export function findCitationsWithin(
  text: string,
  language: ManuscriptLanguage,
  spans?: readonly Span[],
  budget?: Pick<AnalysisBudget, 'maxCitations' | 'maxCitationEntries'>,
): { citations: Citation[]; stop?: AnalysisStop } {
  const found: Found = { citations: [], entries: 0, maxCitations: budget?.maxCitations ?? Infinity, maxEntries: budget?.maxCitationEntries ?? Infinity };
  const scanned = spans ?? [{ start: 0, end: text.length }];
  for (const span of scanned) {
    scanSpan(text, language, Math.max(0, span.start), Math.min(text.length, span.end), found);
    if (found.stop) break;
  }
  return found.stop ? { citations: found.citations, stop: found.stop } : { citations: found.citations };
}

/** What a scan has found so far, and the budget it stops at. */
interface Found {
  citations: Citation[];
  entries: number;
  maxCitations: number;
  maxEntries: number;
  stop?: AnalysisStop;
}

/** Keeps the citation unless it goes past the budget; then records the stop and returns false. */
function keep(found: Found, citation: Citation): boolean {
  const entries = found.entries + citation.entries.length;
  if (found.citations.length >= found.maxCitations) {
    found.stop = { offset: citation.start, limit: 'citations', count: found.maxCitations };
    return false;
  }
  if (entries > found.maxEntries) {
    found.stop = { offset: citation.start, limit: 'citation-entries', count: found.maxEntries };
    return false;
  }
  found.citations.push(citation);
  found.entries = entries;
  return true;
}

function scanSpan(text: string, language: ManuscriptLanguage, start: number, end: number, found: Found): void {
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    let citation: Citation | undefined;
    if (code === 0x5b /* [ */) {
      citation = readBracket(text, language, i, end);
    } else if (code === 0x5c /* \ */ && language === 'latex') {
      const afterCommand = skipCommandName(text, i, end);
      citation = readLatexCite(text, i, end);
      if (!citation) {
        // Skip the whole command name (or the escaped character) so `\[` or `\\` is never read as a bracket.
        i = Math.max(afterCommand, i + 2);
        continue;
      }
    } else if (code === 0x40 /* @ */ && language === 'markdown') {
      citation = readBareKey(text, i, end);
    }
    if (citation) {
      if (!keep(found, citation)) return;
      i = citation.end;
    } else {
      i++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Brackets: numeric and Pandoc.

function readBracket(text: string, language: ManuscriptLanguage, open: number, end: number): Citation | undefined {
  const previous = open > 0 ? text.charCodeAt(open - 1) : -1;
  // `![alt]` is an image, `\[` an escaped bracket (Markdown) or display math (LaTeX), `[^1]` a footnote.
  if (previous === 0x21 /* ! */ || previous === 0x5c /* \ */) return undefined;
  let close = -1;
  let allNumeric = true;
  let hasAt = false;
  for (let j = open + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5d /* ] */) {
      close = j;
      break;
    }
    if (c === 0x5b /* [ */) return undefined;
    if (c === 0x0a && j + 1 < end && isBlankLineAhead(text, j + 1, end)) return undefined;
    if (c === 0x40) hasAt = true;
    if (allNumeric && !isNumericCitationChar(c)) allNumeric = false;
  }
  if (close < 0) return undefined;
  if (language === 'markdown' && (isLinkTail(text, close + 1, end) || isLinkDefinitionLabel(text, open, close))) {
    return undefined;
  }
  if (allNumeric) return readNumeric(text, open, close);
  if (hasAt && language !== 'latex') return readPandocBracket(text, open, close);
  return undefined;
}

function isBlankLineAhead(text: string, from: number, end: number): boolean {
  for (let j = from; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return false;
}

/** `](` makes the bracket a Markdown link's text, and `]{.class}` a Pandoc span with attributes: never a citation. */
function isLinkTail(text: string, after: number, end: number): boolean {
  if (after >= end) return false;
  const c = text.charCodeAt(after);
  return c === 0x28 /* ( */ || (c === 0x7b /* { */ && after + 1 < end && '.#'.includes(text.charAt(after + 1)));
}

/** `[1]: https://…` at the start of a line defines a reference-style link. */
function isLinkDefinitionLabel(text: string, open: number, close: number): boolean {
  if (text.charCodeAt(close + 1) !== 0x3a /* : */) return false;
  let j = open - 1;
  while (j >= 0 && open - j <= 4 && text.charCodeAt(j) === 0x20) j--;
  return j < 0 || text.charCodeAt(j) === 0x0a;
}

function isDash(c: number): boolean {
  // Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
  return c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2212;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x202f || c === 0x2009;
}

function isNumericCitationChar(c: number): boolean {
  return isDigit(c) || isDash(c) || c === 0x2c /* , */ || c === 0x3b /* ; */ || isSpace(c);
}

function readNumeric(text: string, open: number, close: number): Citation | undefined {
  const inner = { start: open + 1, end: close };
  let onlySpace = inner.end > inner.start;
  for (let j = inner.start; j < inner.end; j++) {
    if (!isSpace(text.charCodeAt(j))) onlySpace = false;
  }
  // `[ ]` is a task box or a layout gap, not a forgotten citation.
  if (onlySpace) return undefined;

  const entries = new EntryList();
  let segmentStart = inner.start;
  for (let j = inner.start; j <= inner.end; j++) {
    const c = j < inner.end ? text.charCodeAt(j) : 0x2c;
    if (c !== 0x2c && c !== 0x3b) continue;
    // Every part is read, kept or not: one that is not a number makes the bracket something other than a citation.
    const entry = readNumericEntry(text, segmentStart, j);
    if (!entry) return undefined;
    entries.add(entry);
    segmentStart = j + 1;
  }
  const numbers = expandEntries(entries.list);
  return entries.onto({ start: open, end: close + 1, syntax: 'numeric', inner, entries: entries.list, numbers, keys: [] });
}

/** Reads one comma-separated part: a number, a range, a dangling range or nothing. Anything else (`1 2`, `1-2-3`) disqualifies the bracket. */
function readNumericEntry(text: string, segmentStart: number, segmentEnd: number): CitationEntry | undefined {
  let s = segmentStart;
  let e = segmentEnd;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s === e) {
    return { start: segmentStart, end: segmentEnd, text: text.slice(segmentStart, segmentEnd), kind: 'empty', problem: 'empty' };
  }
  const numbers: number[] = [];
  let dashes = 0;
  let dashBeforeFirstNumber = false;
  let j = s;
  while (j < e) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      const digitsStart = j;
      while (j < e && isDigit(text.charCodeAt(j))) j++;
      if (numbers.length === 1 && dashes === 0) return undefined;
      numbers.push(Number(text.slice(digitsStart, j)));
      if (numbers.length > 2) return undefined;
      continue;
    }
    if (isDash(c)) {
      dashes++;
      if (dashes > 1) return undefined;
      if (numbers.length === 0) dashBeforeFirstNumber = true;
    }
    j++;
  }
  const written = text.slice(s, e);
  if (dashes === 0) return { start: s, end: e, text: written, kind: 'number', from: numbers[0], to: numbers[0] };
  if (numbers.length === 2) {
    const from = numbers[0]!;
    const to = numbers[1]!;
    const entry: CitationEntry = { start: s, end: e, text: written, kind: 'range', from, to };
    const problem = rangeProblem(from, to);
    if (problem) entry.problem = problem;
    return entry;
  }
  const entry: CitationEntry = { start: s, end: e, text: written, kind: 'range', problem: 'dangling-range' };
  if (numbers.length === 1) {
    if (dashBeforeFirstNumber) entry.to = numbers[0];
    else entry.from = numbers[0];
  }
  return entry;
}

function rangeProblem(from: number, to: number): CitationProblem | undefined {
  if (!(Math.abs(to - from) < MAX_EXPANDED_RANGE)) return 'absurd-range';
  if (from > to) return 'reversed-range';
  return undefined;
}

/**
 * Expands numbers and ranges in written order, dropping repeats and marking the entries that repeat an
 * earlier one. A reversed range stands for the numbers between its ends (the writer meant them); an
 * absurd or dangling range stands for nothing.
 */
function expandEntries(entries: CitationEntry[]): number[] {
  const seen = new Set<number>();
  const numbers: number[] = [];
  // `[1-200, 1-200, …]` over megabytes must not cost 200 steps per entry: past this budget ranges expand no more.
  let budget = 20 * MAX_EXPANDED_RANGE;
  for (const entry of entries) {
    if (entry.kind === 'range' && (budget -= MAX_EXPANDED_RANGE) < 0) continue;
    const covered = entryNumbers(entry);
    let repeats = false;
    for (const n of covered) {
      if (seen.has(n)) {
        repeats = true;
      } else {
        seen.add(n);
        numbers.push(n);
      }
    }
    if (repeats && !entry.problem) entry.problem = 'duplicate';
  }
  return numbers;
}

function entryNumbers(entry: CitationEntry): number[] {
  if (entry.from === undefined || entry.to === undefined) return [];
  if (entry.problem === 'absurd-range') return [];
  // Unsafe integers (a 400-digit "number") would make the loop below run forever.
  if (!Number.isSafeInteger(entry.from) || !Number.isSafeInteger(entry.to)) return [];
  const low = Math.min(entry.from, entry.to);
  const high = Math.max(entry.from, entry.to);
  const result: number[] = [];
  for (let n = low; n <= high; n++) result.push(n);
  return result;
}

function readPandocBracket(text: string, open: number, close: number): Citation | undefined {
  const inner = { start: open + 1, end: close };
  const entries = new EntryList();
  let segmentStart = inner.start;
  let hasKey = false;
  for (let j = inner.start; j <= inner.end; j++) {
    const c = j < inner.end ? text.charCodeAt(j) : 0x3b;
    if (c === 0x3b /* ; */) {
      const segmentEntries = readPandocSegment(text, segmentStart, j);
      if (segmentEntries.some((entry) => entry.kind === 'key' || entry.kind === 'identifier')) hasKey = true;
      for (const entry of segmentEntries) entries.add(entry);
      segmentStart = j + 1;
    }
  }
  if (!hasKey) return undefined;
  const keys = markDuplicateKeys(entries.list);
  return entries.onto({ start: open, end: close + 1, syntax: 'pandoc', inner, entries: entries.list, numbers: [], keys });
}

/** One `;`-separated part: `see @key, p. 3`, `-@key`, or nothing. A part without a key is prefix text and yields nothing. */
function readPandocSegment(text: string, segmentStart: number, segmentEnd: number): CitationEntry[] {
  const entries: CitationEntry[] = [];
  let blank = true;
  for (let j = segmentStart; j < segmentEnd; j++) {
    const c = text.charCodeAt(j);
    if (!isSpace(c)) blank = false;
    if (c !== 0x40) continue;
    const previous = j > segmentStart ? text.charCodeAt(j - 1) : 0x20;
    if (!(isSpace(previous) || previous === 0x2d /* - */ || previous === 0x5b)) continue;
    const keyEnd = readCitationKey(text, j + 1, segmentEnd);
    if (keyEnd === j + 1) continue;
    const key = text.slice(j + 1, keyEnd);
    if (CROSS_REFERENCE.test(key)) {
      blank = false;
      j = keyEnd - 1;
      continue;
    }
    entries.push(keyEntry(text, j + 1, keyEnd, segmentEnd));
    j = keyEnd - 1;
  }
  if (blank) {
    entries.push({ start: segmentStart, end: segmentEnd, text: text.slice(segmentStart, segmentEnd), kind: 'empty', problem: 'empty' });
  }
  return entries;
}

/** pandoc-crossref labels (`@fig:wound`, `[@tbl:factors]`) point at figures and tables, not at references. */
const CROSS_REFERENCE = /^(?:fig|tbl|eq|sec|lst):/;

function isKeyChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** Pandoc's internal punctuation: allowed inside a key only when a key character follows. */
function isKeyPunctuation(c: number): boolean {
  return ':.#$%&-+?<>~/'.includes(String.fromCharCode(c));
}

/** Returns the end of the key starting at `from` (`from` itself when there is none). */
function readPandocKey(text: string, from: number, end: number): number {
  let j = from;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (isKeyChar(c)) {
      j++;
    } else if (j > from && isKeyPunctuation(c) && j + 1 < end && isKeyChar(text.charCodeAt(j + 1))) {
      j += 2;
    } else {
      break;
    }
  }
  return j;
}

/**
 * The end of the key starting at `from`. Identifiers (`doi:10.1/x`, `url:https://a.org/b/`) follow Manubot's
 * more permissive rule: underscores and `:/.#$%&-+?<>~` inside, and a final `/`; other keys follow Pandoc's.
 */
function readCitationKey(text: string, from: number, end: number): number {
  // Pandoc's braced form `@{https://example.org/a?b=1}` takes any text but braces as the key (offsets include them).
  if (text.charCodeAt(from) === 0x7b /* { */) {
    for (let j = from + 1; j < end && j - from < 2000; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x7d) return j > from + 1 ? j + 1 : from;
      if (c === 0x7b || c === 0x0a) return from;
    }
    return from;
  }
  const pandocEnd = readPandocKey(text, from, end);
  // Only a key with a colon inside can be an identifier; looking no further than the key keeps the scan linear.
  let colon = from;
  while (colon < pandocEnd && text.charCodeAt(colon) !== 0x3a /* : */) colon++;
  if (colon >= pandocEnd || !isIdentifierKey(text.slice(from, pandocEnd))) return pandocEnd;
  let j = from;
  while (j < end && (isKeyChar(text.charCodeAt(j)) || isKeyPunctuation(text.charCodeAt(j)))) j++;
  while (j > from && !isKeyChar(text.charCodeAt(j - 1)) && text.charCodeAt(j - 1) !== 0x2f /* / */) j--;
  return Math.max(j, pandocEnd);
}

/** Characters that end a key in the middle of an identifier (a DOI with parentheses, a URL with a query). */
const CUT_IDENTIFIER = '(=[*@{';

/** A key entry, or an identifier entry when the key is written as one (`doi:…`), its syntax checked. */
function keyEntry(text: string, keyStart: number, keyStop: number, end: number): CitationEntry {
  // The braced form: the key is what the braces hold, and nothing can follow it inside the key.
  const braced = text.charCodeAt(keyStart) === 0x7b /* { */;
  const start = braced ? keyStart + 1 : keyStart;
  const keyEnd = braced ? keyStop - 1 : keyStop;
  const key = text.slice(start, keyEnd);
  const identifier = readIdentifier(key);
  if (!identifier) return { start, end: keyEnd, text: key, kind: 'key', key };
  const entry: CitationEntry = { start, end: keyEnd, text: key, kind: 'identifier', key, identifier };
  // `@doi:10.1016/S0022-2836(05)80360-2`, `@url:https://a.org/?id=1`: the key ends at `(` or `=`, so the rest is lost.
  const next = keyEnd < end && !braced ? text.charAt(keyEnd) : ' ';
  if (identifier.wellFormed && CUT_IDENTIFIER.includes(next)) {
    const written = key + text.slice(keyEnd, Math.min(end, keyEnd + 200)).split(/[\s;\]]/)[0];
    identifier.wellFormed = false;
    identifier.problem = `A citation key cannot hold “${next}”, so it ends before it; write @{${written}} or define a tag ([@tag:name]: ${written}).`;
  }
  if (!identifier.wellFormed) entry.problem = 'malformed-identifier';
  return entry;
}

/** Author-in-text `@key`: not an e-mail address, a handle inside a word, or a decorator. */
function readBareKey(text: string, at: number, end: number): Citation | undefined {
  // The character before counts even outside the span: `[@key](url)` is a link whose text starts the span.
  if (at > 0) {
    const previous = text.charCodeAt(at - 1);
    const allowed = isSpace(previous) || previous === 0x28 /* ( */ || previous === 0x22 || previous === 0x201c || previous === 0x2018;
    if (!allowed) return undefined;
  }
  const keyEnd = readCitationKey(text, at + 1, end);
  if (keyEnd === at + 1) return undefined;
  const key = text.slice(at + 1, keyEnd);
  if (CROSS_REFERENCE.test(key)) return undefined;
  const entry = keyEntry(text, at + 1, keyEnd, end);
  return {
    start: at,
    end: keyEnd,
    syntax: 'pandoc',
    inner: { start: at + 1, end: keyEnd },
    entries: [entry],
    numbers: [],
    keys: entry.kind === 'key' && entry.key !== undefined ? [entry.key] : [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// LaTeX cite commands.

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Returns the offset after `\name` (letters only), or after `\` when no letter follows. */
function skipCommandName(text: string, backslash: number, end: number): number {
  let j = backslash + 1;
  while (j < end && isLetter(text.charCodeAt(j))) j++;
  return j;
}

/** Multi-cite commands (biblatex): `\cites(pre)(post)[pre][post]{a}[see][]{b}`, one key group after each pair of notes. */
export const LATEX_MULTICITE_COMMANDS: ReadonlySet<string> = new Set([
  'cites', 'Cites', 'parencites', 'Parencites', 'textcites', 'Textcites', 'autocites', 'Autocites', 'footcites', 'Footcites',
  'footcitetexts', 'smartcites', 'Smartcites', 'supercites',
]);

/** Reads the cite command at `backslash` (`\citep[p.~3]{key}`, `\cites[a]{x}[b][]{y}`), or undefined when there is none or it is unclosed. */
export function readLatexCite(text: string, backslash: number, end: number): Citation | undefined {
  const nameEnd = skipCommandName(text, backslash, end);
  const command = text.slice(backslash + 1, nameEnd);
  const multi = LATEX_MULTICITE_COMMANDS.has(command);
  if (!multi && !LATEX_CITE_COMMANDS.has(command)) return undefined;
  let j = nameEnd;
  if (j < end && text.charCodeAt(j) === 0x2a /* * */) j++;
  if (multi) {
    // Up to two global notes in parentheses, which may not contain `(`.
    for (let global = 0; global < 2; global++) {
      const k = skipSpaces(text, j, end);
      if (k >= end || text.charCodeAt(k) !== 0x28 /* ( */) break;
      const close = findPlain(text, k + 1, end, 0x29, 0x28);
      if (close < 0) return undefined;
      j = close + 1;
    }
  }
  const entries = new EntryList();
  const groups: Span[] = [];
  let last: Span | undefined;
  for (;;) {
    const open = skipNotes(text, j, end);
    if (open < 0) break;
    if (open >= end || text.charCodeAt(open) !== 0x7b /* { */) break;
    const close = readKeyGroup(text, open, end, entries);
    if (close < 0) break;
    last = { start: open + 1, end: close };
    // Past the entries one citation keeps, the groups are read to find the command's end but not kept.
    if (groups.length < MAX_ENTRIES_PER_CITATION) groups.push(last);
    j = close + 1;
    if (!multi) break;
  }
  const first = groups[0];
  if (!first || !last) return undefined;
  const inner = { start: first.start, end: last.end };
  // `\nocite{*}` adds every entry of the bibliography; it cites no key named "*".
  const list = command === 'nocite' ? entries.list.filter((entry) => entry.key !== '*') : entries.list;
  const keys = markDuplicateKeys(list);
  const citation: Citation = entries.onto({ start: backslash, end: last.end + 1, syntax: 'latex', command, inner, entries: list, numbers: [], keys });
  if (multi) citation.keyGroups = groups;
  return citation;
}

/**
 * Skips up to two `[...]` notes (spaces allowed before each) and returns where the key group should open, or -1
 * when a note is unclosed. Notes may not contain `[`, which keeps the scan linear.
 */
function skipNotes(text: string, from: number, end: number): number {
  let j = from;
  for (let optional = 0; optional < 2; optional++) {
    const k = skipSpaces(text, j, end);
    if (k >= end || text.charCodeAt(k) !== 0x5b) break;
    const close = findPlain(text, k + 1, end, 0x5d, 0x5b);
    if (close < 0) return -1;
    j = close + 1;
  }
  return skipSpaces(text, j, end);
}

/** Reads the braced key list at `open` into `entries`; returns the closing brace, or -1 when it is unclosed. */
function readKeyGroup(text: string, open: number, end: number, entries: EntryList): number {
  // Keys contain neither braces nor backslashes; stopping at them keeps an unclosed `\cite{` from swallowing the text.
  let close = -1;
  for (let k = open + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x7d /* } */) {
      close = k;
      break;
    }
    if (c === 0x7b || c === 0x5c) return -1;
    if (c === 0x0a && isBlankLineAhead(text, k + 1, end)) return -1;
  }
  if (close < 0) return -1;
  let segmentStart = open + 1;
  // A key's extent: from its first to its last character that is neither space nor inside a `%` comment.
  let keyStart = -1;
  let keyEnd = -1;
  for (let k = open + 1; k <= close; k++) {
    const c = k < close ? text.charCodeAt(k) : 0x2c;
    if (c === 0x25 /* % */) {
      while (k + 1 < close && text.charCodeAt(k + 1) !== 0x0a) k++;
      continue;
    }
    if (c !== 0x2c) {
      if (!isSpace(c)) {
        if (keyStart < 0) keyStart = k;
        keyEnd = k + 1;
      }
      continue;
    }
    const s = keyStart;
    const e = keyEnd;
    keyStart = keyEnd = -1;
    if (entries.full) {
      entries.omitted++;
    } else if (s < 0) {
      entries.add({ start: segmentStart, end: k, text: text.slice(segmentStart, k), kind: 'empty', problem: 'empty' });
    } else {
      const key = text.slice(s, e);
      entries.add({ start: s, end: e, text: key, kind: 'key', key });
    }
    segmentStart = k + 1;
  }
  return close;
}

/** Index of the first `close` before `end`, or -1 when `stop` or a blank line comes first. */
function findPlain(text: string, from: number, end: number, close: number, stop: number): number {
  for (let j = from; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === close) return j;
    if (c === stop) return -1;
    if (c === 0x0a && isBlankLineAhead(text, j + 1, end)) return -1;
  }
  return -1;
}

/** Marks repeated keys and identifiers as duplicates; returns the distinct keys (identifiers are not keys). */
function markDuplicateKeys(entries: CitationEntry[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.key === undefined) continue;
    if (seen.has(entry.key)) {
      entry.problem ??= 'duplicate';
    } else {
      seen.add(entry.key);
      if (entry.kind === 'key') keys.push(entry.key);
    }
  }
  return keys;
}

/** A citation's entries: the first MAX_ENTRIES_PER_CITATION kept, the others only counted. */
class EntryList {
  readonly list: CitationEntry[] = [];
  omitted = 0;

  get full(): boolean {
    return this.list.length >= MAX_ENTRIES_PER_CITATION;
  }

  add(entry: CitationEntry): void {
    if (this.full) this.omitted++;
    else this.list.push(entry);
  }

  /** The citation, with the count of entries not kept when there were any. */
  onto(citation: Citation): Citation {
    if (this.omitted > 0) citation.omittedEntries = this.omitted;
    return citation;
  }
}
