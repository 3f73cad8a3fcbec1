/**
 * A CSL-JSON file read into the reference model: an array of items (Pandoc, Zotero, Better BibTeX, Manubot), an
 * object holding such an array under `items` or `references`, or an object of items by id. Each item's location is
 * its `"id"`, found by one scan that only counts brackets and skips strings. A file that is not valid JSON yields
 * one problem at the line of the error, and every item that still parses on its own is read.
 */
import type { Reference, SourceProblem, SourceReading } from '../knowledge/model';
import { acceptCslItem, isRecord } from './cslItem';
import { lineCounter } from './lines';
import { defaultReadingLimits, sourceOf, tooLarge, type ReadingLimits } from './limits';

interface Span {
  start: number;
  end: number;
}

export function readCslJson(text: string, uri: string, limits: Partial<ReadingLimits> = {}): SourceReading {
  const { maxEntries, maxTextLength } = { ...defaultReadingLimits, ...limits };
  if (text.length > maxTextLength) return tooLarge(uri, text.length, maxTextLength);
  const source = sourceOf(uri);
  // An empty file is an empty bibliography, as an empty .bib is.
  if (text.trim() === '') return { references: [], problems: [] };
  const lines = lineCounter(text);
  const problems: SourceProblem[] = [];
  const at = (offset: number) => ({ uri, ...lines.position(offset) });

  let parsed: unknown;
  let items: unknown[] | undefined;
  let spans: Span[];
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const offset = syntaxErrorOffset((error as Error).message, text);
    spans = objectSpans(text, 1, text.trimStart().startsWith('[') ? '[' : '{');
    const recovered: unknown[] = [];
    const recoveredSpans: Span[] = [];
    for (const span of spans) {
      try {
        recovered.push(JSON.parse(text.slice(span.start, span.end)));
        recoveredSpans.push(span);
      } catch {
        // The broken item: the one problem below names its line.
      }
    }
    const position = lines.position(offset);
    problems.push({
      location: { uri, ...position },
      severity: 'error',
      code: 'bad-json',
      message: `${source.label} is not valid JSON at line ${position.line + 1}, column ${position.character + 1}: ${cleanMessage((error as Error).message)}; ${recovered.length} item${recovered.length === 1 ? '' : 's'} could still be read`,
    });
    items = recovered;
    spans = recoveredSpans;
    parsed = undefined;
  }

  if (parsed !== undefined) {
    if (Array.isArray(parsed)) {
      items = parsed;
      spans = objectSpans(text, 1, '[');
    } else if (isRecord(parsed) && Array.isArray(parsed.items ?? parsed.references)) {
      items = (parsed.items ?? parsed.references) as unknown[];
      spans = objectSpans(text, 2, '[');
    } else if (isRecord(parsed) && Object.values(parsed).every(isRecord) && Object.keys(parsed).length > 0) {
      // An object of items by id: the key is the id when an item has none.
      items = Object.entries(parsed).map(([id, value]) => ({ id, ...(value as Record<string, unknown>) }));
      spans = objectSpans(text, 1, '{');
    } else {
      return {
        references: [],
        problems: [
          {
            location: at(0),
            severity: 'error',
            code: 'bad-json',
            message: `${source.label} is JSON but not CSL-JSON: expected an array of items (or an object with an "items" array)`,
          },
        ],
      };
    }
  }
  items ??= [];
  spans ??= [];
  // Spans and items agree one to one when every item is an object; when they do not, the file start is used.
  const spanFor = (index: number): Span | undefined => (spans.length === items!.length ? spans[index] : undefined);

  const references: Reference[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    const span = spanFor(index);
    const location = at(span ? idOffset(text, span) : 0);
    if (references.length >= maxEntries) {
      problems.push({ location, severity: 'error', code: 'too-many-entries', message: `the file has more than ${maxEntries.toLocaleString('en')} items; the rest, from here on, are not read` });
      break;
    }
    const raw = items[index];
    if (!isRecord(raw)) {
      problems.push({ location, severity: 'error', code: 'bad-entry', message: `item ${index + 1} is not an object; it is skipped` });
      continue;
    }
    const problem = acceptCslItem(raw, index, location, source, seen, references);
    if (problem) problems.push(problem);
  }
  return { references, problems };
}

/**
 * Where each object directly inside a container at `depth` starts and ends (`parent` says whether that container is
 * an array or an object). Counts brackets and skips strings, so it also works on text that is not valid JSON.
 */
function objectSpans(text: string, depth: number, parent: '[' | '{'): Span[] {
  const spans: Span[] = [];
  const stack: number[] = [];
  let start = -1;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) {
      // Jump to the closing quote, past escaped ones.
      let end = index + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end === -1) return spans;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      index = end;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      if (code === 123 && stack.length === depth && stack[depth - 1] === parent.charCodeAt(0)) start = index;
      stack.push(code);
    } else if (code === 125 /* } */ || code === 93 /* ] */) {
      stack.pop();
      if (code === 125 && start !== -1 && stack.length === depth) {
        spans.push({ start, end: index + 1 });
        start = -1;
      }
    }
  }
  return spans;
}

/** The offset of an item's `"id"` key, or of the item's `{` when it has none. */
function idOffset(text: string, span: Span): number {
  const id = text.indexOf('"id"', span.start);
  return id !== -1 && id < span.end ? id : span.start;
}

/** The offset a JSON.parse error names: "at position 123", or "(line 4 column 7)". */
function syntaxErrorOffset(message: string, text: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    let offset = 0;
    for (let line = 1; line < Number(lineColumn[1]); line++) {
      const newline = text.indexOf('\n', offset);
      if (newline === -1) break;
      offset = newline + 1;
    }
    return offset + Number(lineColumn[2]) - 1;
  }
  if (/end of (?:JSON )?input/i.test(message)) return text.length;
  return 0;
}

function cleanMessage(message: string): string {
  return message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '').replace(/^JSON\.parse: /, '');
}
