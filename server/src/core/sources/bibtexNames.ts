/**
 * BibTeX name lists ("Aks{\i}n, {\"O}zge and van der Berg, Jan and {World Health Organization}") into CSL names,
 * following BibTeX's rules: "First von Last", "von Last, First", "von Last, Jr, First"; a name that is one braced
 * group is an institution, kept whole as a literal.
 */
import type { CslName } from '../knowledge/model';
import { decodeLatex } from './latex';

const andSeparator = /\s+and\s+/iy;
const commaSeparator = /\s*,\s*/y;
const wordSeparator = /[\s~]+/y;

/** At most this many names per field: an author list of thousands is a consortium, not a reading list. */
const maxNames = 5000;

export function parseNames(raw: string): CslName[] {
  const names: CslName[] = [];
  for (const part of splitTopLevel(raw, andSeparator, isSpace)) {
    if (names.length >= maxNames) break;
    const name = parseName(part.trim());
    if (name) names.push(name);
  }
  return names;
}

/**
 * "Family, Given Names" with one family word and nothing LaTeX groups or ties: most names of a large library. Its
 * reading by the rules is its family word and its given words; `parseNameByRules` gives the same (a test checks).
 */
const plainFamilyCommaGiven = /^([^\s,{}\\~]+) *, *([^\s,{}\\~]+(?: [^\s,{}\\~]+)*)$/;

function parseName(raw: string): CslName | undefined {
  const plain = plainFamilyCommaGiven.exec(raw);
  if (!plain) return parseNameByRules(raw);
  const family = decodeLatex(plain[1]);
  const given = decodeLatex(plain[2]);
  if (!family) return given ? { literal: given } : undefined;
  return given ? { family, given } : { family };
}

/** One name by BibTeX's rules (see the top of the file); exported for the test of the quick path above. */
export function parseNameByRules(raw: string): CslName | undefined {
  if (raw === '' || raw.toLowerCase() === 'others') return undefined;
  if (isOneGroup(raw)) {
    const literal = decodeLatex(raw);
    return literal ? { literal } : undefined;
  }
  const parts = splitTopLevel(raw, commaSeparator, isSpaceOrComma).map((part) => part.trim());
  let given: string[] = [];
  let von: string[] = [];
  let last: string[] = [];
  let suffix = '';
  if (parts.length === 1) {
    const words = words_(parts[0]);
    // "First von Last": von starts at the first lower-case word before the last one and ends at the last such word.
    let vonStart = -1;
    let vonEnd = -1;
    for (let index = 0; index < words.length - 1; index++) {
      if (isLowerCase(words[index])) {
        if (vonStart === -1) vonStart = index;
        vonEnd = index;
      }
    }
    if (vonStart === -1) {
      given = words.slice(0, -1);
      last = words.slice(-1);
    } else {
      given = words.slice(0, vonStart);
      von = words.slice(vonStart, vonEnd + 1);
      last = words.slice(vonEnd + 1);
    }
  } else {
    const first = words_(parts[0]);
    let vonEnd = -1;
    for (let index = 0; index < first.length - 1; index++) if (isLowerCase(first[index])) vonEnd = index;
    von = first.slice(0, vonEnd + 1);
    last = first.slice(vonEnd + 1);
    if (parts.length >= 3) {
      suffix = parts[1];
      given = words_(parts.slice(2).join(', '));
    } else {
      given = words_(parts[1]);
    }
  }
  const name: CslName = {};
  const family = decodeLatex(last.join(' '));
  const givenText = decodeLatex(given.join(' '));
  const particle = decodeLatex(von.join(' '));
  const suffixText = decodeLatex(suffix);
  if (family) name.family = family;
  if (givenText) name.given = givenText;
  if (particle) name['non-dropping-particle'] = particle;
  if (suffixText) name.suffix = suffixText;
  if (!name.family && name.given) return { literal: name.given };
  return name.family ? name : undefined;
}

/** Whether the whole name is one `{…}` group: `{World Health Organization}`. */
function isOneGroup(raw: string): boolean {
  if (raw[0] !== '{' || raw[raw.length - 1] !== '}') return false;
  let depth = 0;
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] === '{') depth++;
    else if (raw[index] === '}' && --depth === 0) return index === raw.length - 1;
  }
  return false;
}

/**
 * BibTeX's von test: a word is lower case when its first letter at brace depth 0 is, or, for a word starting with
 * a special character `{\…}`, when the letter after the command is.
 */
function isLowerCase(word: string): boolean {
  let depth = 0;
  for (let index = 0; index < word.length; index++) {
    const char = word[index];
    if (char === '{') {
      if (depth === 0 && word[index + 1] === '\\') {
        const decoded = decodeLatex(word.slice(index, index + 16));
        const letter = /\p{L}/u.exec(decoded)?.[0];
        return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
      }
      depth++;
    } else if (char === '}') depth--;
    else if (depth === 0) {
      const code = char.charCodeAt(0);
      if (code >= 97 && code <= 122) return true;
      if (code >= 65 && code <= 90) return false;
      if (code > 127 && /\p{L}/u.test(char)) return char === char.toLowerCase() && char !== char.toUpperCase();
    }
  }
  return false;
}

/** The words of a name part, split at spaces and ties outside braces. */
function words_(part: string): string[] {
  return splitTopLevel(part, wordSeparator, isSpaceOrTie).filter((word) => word !== '');
}

/**
 * `text` split wherever `separator` (a sticky regex, tried only at a character `isTrigger` accepts) matches outside
 * braces. Character codes and one pass, since names are the bulk of the work on a large library.
 */
function splitTopLevel(text: string, separator: RegExp, isTrigger: (code: number) => boolean): string[] {
  // Without braces or backslashes the native split is the same, and quicker still.
  if (text.indexOf('{') === -1 && text.indexOf('\\') === -1) return text.split(unsticky(separator));
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 92 /* \ */) index++; // `\{` is a brace character, not a group
    else if (code === 123 /* { */) depth++;
    else if (code === 125 /* } */) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && isTrigger(code)) {
      separator.lastIndex = index;
      const match = separator.exec(text);
      if (match && match[0].length > 0) {
        parts.push(text.slice(start, index));
        start = index + match[0].length;
        index = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
const isSpaceOrComma = (code: number) => isSpace(code) || code === 44;
const isSpaceOrTie = (code: number) => isSpace(code) || code === 126;

const unstickyCache = new Map<RegExp, RegExp>();
function unsticky(separator: RegExp): RegExp {
  let global = unstickyCache.get(separator);
  if (!global) {
    global = new RegExp(separator.source, separator.flags.replace('y', ''));
    unstickyCache.set(separator, global);
  }
  return global;
}
