/**
 * LaTeX as bibliographies write it, decoded to plain Unicode: accents (`{\"O}zge` → Özge, `Aks\i{}n` → Aksın),
 * special letters (`\ss`, `\o`), dashes and quotes, text-style commands (their argument kept), `{{Protection}}`
 * removed. One pass over the text, no recursion, so nesting depth never matters.
 */

/** Accent commands and the combining mark each puts on the following letter. */
const combiningMarks: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  H: '\u030B',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

/** Commands that stand for one character or word. */
const symbols: Record<string, string> = {
  i: 'ı',
  j: 'ȷ',
  ss: 'ß',
  SS: 'SS',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  copyright: '©',
  textdegree: '°',
  textmu: 'µ',
  textperiodcentered: '·',
  textbullet: '•',
  textellipsis: '…',
  ldots: '…',
  dots: '…',
  textasciitilde: '~',
  textbackslash: '\\',
  textunderscore: '_',
  S: '§',
  P: '¶',
  pounds: '£',
  euro: '€',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  times: '×',
  pm: '±',
  leq: '≤',
  geq: '≥',
  le: '≤',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  sim: '∼',
  infty: '∞',
  rightarrow: '→',
  to: '→',
  leftarrow: '←',
  cdot: '·',
  circ: '°',
  prime: '′',
  quad: ' ',
  qquad: ' ',
  par: ' ',
  newline: ' ',
  hyphen: '-',
  hyp: '-',
  slash: '/',
  relax: '',
  noopsort: '',
  protect: '',
  nobreakspace: ' ',
};

/** Commands whose one argument is dropped entirely (sort keys, hidden text). */
const droppedArgument = new Set(['noopsort', 'sortkey', 'index', 'label', 'cite', 'footnote']);

/** Commands that wrap their argument in quotation marks. */
const quoting = new Set(['enquote', 'mkbibquote', 'textquote']);

/** Text that needs no decoding beyond spacing: nothing LaTeX would change. */
const needsDecoding = /[\\{}$~]|--|``|''/;

/** Characters the decoder looks at; everything else is copied as it is. */
const special = new Uint8Array(128);
for (const char of '\\{}$~-`\'^_') special[char.charCodeAt(0)] = 1;

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** The Unicode text a LaTeX field value stands for, with spacing collapsed. */
export function decodeLatex(text: string): string {
  if (!needsDecoding.test(text)) return collapseSpace(text);
  let out = '';
  /** Braces that close a quoting command, counted by depth so `\enquote{a {b} c}` closes at the right brace. */
  const closers: { depth: number; text: string }[] = [];
  let depth = 0;
  let inMath = false;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const char = text[index];
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      if (next in combiningMarks && !(isLetter(next.charCodeAt(0)) && isLetter(text.charCodeAt(index + 2) || 0))) {
        const [base, end] = accentArgument(text, index + 2, isLetter(next.charCodeAt(0)));
        out += base.length > 0 ? (base[0] + combiningMarks[next] + base.slice(1)).normalize('NFC') : combiningMarks[next];
        index = end;
        continue;
      }
      if (isLetter(next.charCodeAt(0))) {
        let end = index + 1;
        while (end < length && isLetter(text.charCodeAt(end))) end++;
        const name = text.slice(index + 1, end);
        // `\enquote*{…}` and `\cite*`: the star changes nothing here.
        if (text[end] === '*') end++;
        if (name in symbols && !droppedArgument.has(name)) {
          out += symbols[name];
          // A letter command eats the spaces after it (`\ss e`), and `{}` after it (`\i{}`) is only a separator.
          while (text[end] === ' ') end++;
          if (text[end] === '{' && text[end + 1] === '}') end += 2;
          index = end;
          continue;
        }
        if (droppedArgument.has(name)) {
          index = skipGroup(text, skipSpaces(text, end));
          continue;
        }
        if (name === 'url') {
          index = end;
          continue;
        }
        if (name === 'href') {
          // \href{url}{text}: keep the text.
          index = skipGroup(text, skipSpaces(text, end));
          continue;
        }
        if (quoting.has(name) && text[skipSpaces(text, end)] === '{') {
          out += '“';
          index = skipSpaces(text, end) + 1;
          depth++;
          closers.push({ depth, text: '”' });
          continue;
        }
        // Any other command (\emph, \textit, \textsc, \mkbibemph, \NoCaseChange…): drop the name, keep its argument.
        while (text[end] === ' ' && text[end + 1] !== '{') end++;
        index = end;
        continue;
      }
      // \& \% \$ \# \_ \{ \} and spacing commands.
      if (next === ' ' || next === ',' || next === ';' || next === ':' || next === '!' || next === '\n') out += next === '!' ? '' : ' ';
      else if (next === '\\') out += ' ';
      else if (next === '-' || next === '/' || next === '@') out += '';
      else out += next;
      index += 2;
      continue;
    }
    if (char === '{') {
      depth++;
      index++;
      continue;
    }
    if (char === '}') {
      const closer = closers[closers.length - 1];
      if (closer && closer.depth === depth) {
        out += closer.text;
        closers.pop();
      }
      depth = Math.max(0, depth - 1);
      index++;
      continue;
    }
    if (char === '$') {
      inMath = !inMath;
      index++;
      continue;
    }
    if (inMath && (char === '^' || char === '_')) {
      index++;
      continue;
    }
    if (char === '~') {
      out += ' ';
      index++;
      continue;
    }
    if (char === '-' && text[index + 1] === '-') {
      if (text[index + 2] === '-') {
        out += '—';
        index += 3;
      } else {
        out += '–';
        index += 2;
      }
      continue;
    }
    if (char === '`' && text[index + 1] === '`') {
      out += '“';
      index += 2;
      continue;
    }
    if (char === "'" && text[index + 1] === "'") {
      out += '”';
      index += 2;
      continue;
    }
    // Plain text up to the next character LaTeX gives a meaning, copied in one piece.
    let end = index + 1;
    while (end < length && !special[text.charCodeAt(end)]) end++;
    out += text.slice(index, end);
    index = end;
  }
  return collapseSpace(out);
}

/** The letter an accent applies to and where it ends: `{O}`, `{\i}`, `O`, ` c` (after a letter command), `\i`. */
function accentArgument(text: string, start: number, letterCommand: boolean): [string, number] {
  let index = start;
  if (letterCommand) index = skipSpaces(text, index);
  if (text[index] === '{') {
    const close = text.indexOf('}', index + 1);
    // Only short groups are accent arguments; anything longer is left to the main loop.
    if (close !== -1 && close - index <= 8) {
      const inner = text.slice(index + 1, close).trim();
      return [dotlessOrPlain(inner), close + 1];
    }
    return ['', index];
  }
  if (text[index] === '\\' && (text[index + 1] === 'i' || text[index + 1] === 'j') && !isLetter(text.charCodeAt(index + 2) || 0)) {
    let end = index + 2;
    if (text[end] === '{' && text[end + 1] === '}') end += 2;
    // An accent on a dotless letter replaces its dot: `\'\i` is í.
    return [text[index + 1], end];
  }
  if (index < text.length && text[index] !== '}' && text[index] !== '\\') return [text[index], index + 1];
  return ['', index];
}

/** `\i` and `\j` inside an accent group carry the accent in place of their dot: `\'{\i}` is í. */
function dotlessOrPlain(inner: string): string {
  if (inner === '\\i') return 'i';
  if (inner === '\\j') return 'j';
  return inner.replace(/[{}\\]/g, '');
}

function skipSpaces(text: string, index: number): number {
  while (text[index] === ' ' || text[index] === '\t' || text[index] === '\n' || text[index] === '\r') index++;
  return index;
}

/** The index after a balanced `{…}` group starting at `index` (or after one character if there is no group). */
function skipGroup(text: string, index: number): number {
  if (text[index] !== '{') return index;
  let depth = 0;
  for (let at = index; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '{') depth++;
    else if (text[at] === '}' && --depth === 0) return at + 1;
  }
  return text.length;
}

const irregularSpace = /[ \t\n\r\f\v\u00a0]{2,}|[\t\n\r\f\v\u00a0]|^\s|\s$/;

/** Runs of spacing as one space. Replacing only what needs it is far quicker than `/\s+/g` on text of single spaces. */
function collapseSpace(text: string): string {
  // Most values are single-spaced already, without spacing at either end: a test is cheaper than a replace and a trim.
  if (!irregularSpace.test(text)) return text;
  return text.replace(/[ \t\n\r\f\v\u00a0]{2,}|[\t\n\r\f\v\u00a0]/g, ' ').trim();
}
