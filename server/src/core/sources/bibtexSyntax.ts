/**
 * The syntax of a .bib file: entries, their fields (raw LaTeX, `@string` macros expanded, `#` joined) and where each
 * entry starts. One linear scan; an entry that cannot be read is reported and skipped up to the next line that starts
 * an entry, so one bad entry never loses the others. No recursion, so brace depth never matters; macro expansion is
 * bounded, so a chain of doubling `@string`s cannot exhaust memory.
 */

export interface RawEntry {
  /** Entry type, lower case: "article", "inproceedings", "xdata"… */
  type: string;
  key: string;
  /** Field values by lower-case name, as LaTeX text. */
  fields: Map<string, string>;
  /** Offset of the entry's `@`. */
  offset: number;
}

export interface SyntaxProblem {
  offset: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface SyntaxLimits {
  /** At most this many entries; the rest are reported once. */
  maxEntries: number;
  /** At most this many characters in one value after macro expansion. */
  maxValueLength: number;
  /** At most this many characters of macro text in the whole file after expansion. */
  maxMacroText: number;
}

export interface SyntaxReading {
  entries: RawEntry[];
  problems: SyntaxProblem[];
}

/** BibTeX's predefined month macros. */
const monthMacros: [string, string][] = [
  ['jan', 'January'],
  ['feb', 'February'],
  ['mar', 'March'],
  ['apr', 'April'],
  ['may', 'May'],
  ['jun', 'June'],
  ['jul', 'July'],
  ['aug', 'August'],
  ['sep', 'September'],
  ['oct', 'October'],
  ['nov', 'November'],
  ['dec', 'December'],
];

/** Thrown inside the scan of one entry; caught at the entry, which becomes a problem. */
class EntryError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Characters that end a field name, macro name or key (BibTeX's token delimiters), by code. */
const delimiter = new Uint8Array(128);
for (const char of ' \t\n\r\f\v=,{}"#%()') delimiter[char.charCodeAt(0)] = 1;
const keyDelimiter = new Uint8Array(128);
for (const char of ' \t\n\r\f\v,{}()') keyDelimiter[char.charCodeAt(0)] = 1;
/** A line that starts a new entry: where a broken entry ends and reading resumes. */
const entryStartLine = /\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/g;
const entryStartAfterNewline = /[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/y;
/** The characters a delimited value's scan stops at: braces, the closing quote, a backslash, a line break. */
const valueBoundary = /[{}"\\\n]/g;

const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isTypeChar = (code: number) => isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 95 || code === 45;

/** Whether the `@` at `at` is on a line commented out with `%` (biber's reading; BibTeX would read it). */
function commentedOut(text: string, at: number): boolean {
  for (let index = at - 1; index >= 0 && at - index < 1000; index--) {
    const char = text[index];
    if (char === '\n') return false;
    if (char === '%') return true;
  }
  return false;
}

export function scanBibtex(text: string, limits: SyntaxLimits, lineOf: (offset: number) => number): SyntaxReading {
  const entries: RawEntry[] = [];
  const problems: SyntaxProblem[] = [];
  const macros = new Map<string, string>(monthMacros);
  let macroText = 0;
  let index = 0;
  const length = text.length;

  const skipSpaceAndComments = () => {
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 32 || code === 9 || code === 10 || code === 13) index++;
      else if (code === 37 /* % */) {
        const end = text.indexOf('\n', index);
        index = end === -1 ? length : end + 1;
      } else return;
    }
  };
  const readIdentifier = (): string => {
    const start = index;
    while (index < length && !delimiter[text.charCodeAt(index)]) index++;
    return text.slice(start, index);
  };
  const describe = (at: number) => (at >= length ? 'the end of the file' : `'${text[at] === '\n' ? '\\n' : text[at]}' on line ${lineOf(at) + 1}`);

  /** A `{…}` or `"…"` value; braces counted, never recursed into. Stops at a line that starts a new entry. */
  const readDelimited = (): string => {
    const open = text[index];
    const start = index + 1;
    let depth = open === '{' ? 1 : 0;
    for (let at = start; at < length; at++) {
      // Plain text up to the next character that matters is skipped by the regex engine, not a character at a time.
      valueBoundary.lastIndex = at;
      if (!valueBoundary.test(text)) break;
      at = valueBoundary.lastIndex - 1;
      const char = text.charCodeAt(at);
      if (char === 123 /* { */) depth++;
      else if (char === 125 /* } */) {
        depth--;
        if (open === '{' && depth === 0) {
          index = at + 1;
          return text.slice(start, at);
        }
        if (depth < 0) throw new EntryError(`a '}' closes more braces than were opened in a value (line ${lineOf(at) + 1})`, at);
      } else if (char === 34 /* " */ && open === '"' && depth === 0) {
        index = at + 1;
        return text.slice(start, at);
      } else if (char === 92 /* \ */) at++;
      else if (char === 10) {
        entryStartAfterNewline.lastIndex = at + 1;
        if (entryStartAfterNewline.test(text)) {
          throw new EntryError(
            `a value opened on line ${lineOf(index) + 1} is not closed before the next entry on line ${lineOf(at + 1) + 1} (unbalanced ${open === '{' ? 'braces' : 'quotes'})`,
            at + 1,
          );
        }
      }
    }
    throw new EntryError(`a value opened on line ${lineOf(index) + 1} is never closed (unbalanced ${open === '{' ? 'braces' : 'quotes'})`, length);
  };

  /** One value: pieces joined by `#`, each a delimited text, a number or a macro name. */
  const readValue = (entryStart: number, onLongValue: () => void): string => {
    let value = '';
    for (;;) {
      skipSpaceAndComments();
      const char = text[index];
      let piece: string;
      if (char === '{' || char === '"') piece = readDelimited();
      else {
        const name = readIdentifier();
        if (name === '') throw new EntryError(`expected a value, found ${describe(index)}`, index);
        if (/^\d+$/.test(name)) piece = name;
        else {
          const macro = macros.get(name.toLowerCase());
          if (macro === undefined) {
            problems.push({ offset: entryStart, severity: 'warning', code: 'undefined-string', message: `@string "${name}" is not defined; it counts as empty` });
            piece = '';
          } else piece = macro;
        }
      }
      if (value.length + piece.length > limits.maxValueLength) {
        value = (value + piece.slice(0, limits.maxValueLength - value.length)).slice(0, limits.maxValueLength);
        onLongValue();
      } else value += piece;
      skipSpaceAndComments();
      if (text[index] !== '#') return value;
      index++;
    }
  };

  /** Skips a `{…}` or `(…)` block (a comment or preamble), or throws where it cannot. */
  const skipBlock = () => {
    const open = text[index];
    const close = open === '(' ? ')' : '}';
    if (open !== '{' && open !== '(') return;
    let depth = 0;
    for (let at = index; at < length; at++) {
      const char = text[at];
      if (char === open) depth++;
      else if (char === close && --depth === 0) {
        index = at + 1;
        return;
      }
    }
    throw new EntryError('a block is never closed', length);
  };

  let entryCapReported = false;
  while (index < length) {
    const at = text.indexOf('@', index);
    if (at === -1) break;
    index = at + 1;
    if (commentedOut(text, at)) continue;
    skipSpaceAndComments();
    const typeStart = index;
    // Type names are letters, and in the wild also digits, `_` and `-` (Mendeley's @web_page).
    if (isAsciiLetter(text.charCodeAt(index))) while (index < length && isTypeChar(text.charCodeAt(index))) index++;
    const type = text.slice(typeStart, index).toLowerCase();
    if (type === '') continue; // an `@` in the text between entries, such as an e-mail address
    try {
      skipSpaceAndComments();
      if (type === 'comment') {
        if (text[index] === '{' || text[index] === '(') skipBlock();
        continue;
      }
      const open = text[index];
      if (open !== '{' && open !== '(') {
        // BibTeX ignores text between entries; an `@word` not followed by a brace is such text.
        continue;
      }
      const close = open === '{' ? '}' : ')';
      index++;
      if (type === 'preamble') {
        index--;
        skipBlock();
        continue;
      }
      if (type === 'string') {
        skipSpaceAndComments();
        const name = readIdentifier();
        if (name === '') throw new EntryError(`expected a @string name, found ${describe(index)}`, index);
        skipSpaceAndComments();
        if (text[index] !== '=') throw new EntryError(`expected '=' after @string ${name}, found ${describe(index)}`, index);
        index++;
        let truncated = false;
        let value = readValue(at, () => (truncated = true));
        if (macroText + value.length > limits.maxMacroText) {
          value = '';
          truncated = true;
        }
        if (truncated) {
          problems.push({
            offset: at,
            severity: 'warning',
            code: 'string-too-long',
            message: `@string ${name} expands to more than ${limits.maxValueLength.toLocaleString('en')} characters (or the file's @strings to more than ${limits.maxMacroText.toLocaleString('en')}); it is cut short`,
          });
        }
        macroText += value.length;
        macros.set(name.toLowerCase(), value);
        skipSpaceAndComments();
        if (text[index] === close) index++;
        else throw new EntryError(`expected '${close}' to end @string ${name}, found ${describe(index)}`, index);
        continue;
      }
      if (entries.length >= limits.maxEntries) {
        if (!entryCapReported) {
          problems.push({
            offset: at,
            severity: 'error',
            code: 'too-many-entries',
            message: `the file has more than ${limits.maxEntries.toLocaleString('en')} entries; the rest, from here on, are not read`,
          });
          entryCapReported = true;
        }
        break;
      }
      skipSpaceAndComments();
      const keyStart = index;
      while (index < length && !keyDelimiter[text.charCodeAt(index)]) index++;
      const key = text.slice(keyStart, index);
      skipSpaceAndComments();
      if (key === '') throw new EntryError(`@${type} has no key (found ${describe(index)} where the key should be)`, index);
      if (text[index] === '=') throw new EntryError(`@${type} has no key: it starts with the field "${key}" where the key should be`, index);
      const fields = new Map<string, string>();
      let longValue = false;
      // True at the entry's closing delimiter (consumed); an `@` there means the entry was never closed.
      const atEntryEnd = (): boolean => {
        if (text[index] === close) {
          index++;
          return true;
        }
        if (text[index] === '@') {
          throw new EntryError(`the entry is not closed (a '${close}' is missing) before the next entry on line ${lineOf(index) + 1}`, index);
        }
        return false;
      };
      for (;;) {
        skipSpaceAndComments();
        if (atEntryEnd()) break;
        if (text[index] !== ',') throw new EntryError(`expected ',' or '${close}' after ${fields.size === 0 ? 'the key' : 'a field'}, found ${describe(index)}`, index);
        index++;
        skipSpaceAndComments();
        // An empty field between two commas (`title = {x}, , year = 2020`) is harmless.
        while (text[index] === ',') {
          index++;
          skipSpaceAndComments();
        }
        if (atEntryEnd()) break;
        const name = readIdentifier().toLowerCase();
        if (name === '') throw new EntryError(`expected a field name, found ${describe(index)}`, index);
        skipSpaceAndComments();
        if (text[index] !== '=') throw new EntryError(`expected '=' after the field name "${name}", found ${describe(index)}`, index);
        index++;
        const value = readValue(at, () => (longValue = true));
        // The first of a repeated field counts, as in BibTeX.
        if (!fields.has(name)) fields.set(name, value);
      }
      if (longValue) {
        problems.push({
          offset: at,
          severity: 'warning',
          code: 'string-too-long',
          message: `a field of ${key} expands to more than ${limits.maxValueLength.toLocaleString('en')} characters; it is cut short`,
        });
      }
      entries.push({ type, key, fields, offset: at });
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      const keyHint = /^\s*[{(]\s*([^\s,{}()]+)\s*,/.exec(text.slice(typeStart + type.length, typeStart + type.length + 300))?.[1];
      problems.push({
        offset: at,
        severity: 'error',
        code: 'bad-entry',
        message: `cannot read @${type}${keyHint ? ` ${keyHint}` : ''}: ${error.message}; the entry is skipped`,
      });
      // Resume at the next line that starts an entry after this one's `@`.
      entryStartLine.lastIndex = at + 1;
      const next = entryStartLine.exec(text);
      index = next ? next.index + 1 : length;
    }
  }
  return { entries, problems };
}
