/**
 * The pathological inputs of issue 10, by name: each is one unit repeated (or wrapped once) up to a size in characters.
 * The benchmark (pathologicalBench.ts) times them at 1 MB and 5 MB through the CLI and the core; the test table
 * (test/core/pathological.test.ts) checks the analysis of each completes with work bounded by counts, not time.
 */
import type { ManuscriptLanguage } from '../../server/src/core/manuscript/types';

export interface PathologicalPattern {
  name: string;
  language: ManuscriptLanguage;
  /** The text, about `size` characters long (never shorter than one unit). */
  make(size: number): string;
}

/** `unit` repeated until the text is at least `size` characters, inside `before` and `after`. */
function repeated(unit: string, size: number, before = '', after = ''): string {
  const count = Math.max(1, Math.ceil((size - before.length - after.length) / unit.length));
  return before + unit.repeat(count) + after;
}

const pattern = (name: string, language: ManuscriptLanguage, unit: string, before = '', after = ''): PathologicalPattern => ({
  name,
  language,
  make: (size) => repeated(unit, size, before, after),
});

export const pathologicalPatterns: readonly PathologicalPattern[] = [
  // Long runs of citations, one citation with very many entries and very many citations, in every syntax.
  pattern('\\cite{k,k,…} (one command)', 'latex', 'k,', 'A claim \\cite{', 'k}.'),
  pattern('\\cite{k} \\cite{k} …', 'latex', 'Secretome heals \\cite{k}. '),
  pattern('\\cites{a}{b}… (one multi-cite)', 'latex', '[see][]{k}', 'A claim \\cites', '.'),
  pattern('[1,1,…] (one bracket)', 'markdown', '1,', 'A claim [', '1].'),
  pattern('[1] [1] …', 'markdown', 'Secretome heals [1]. '),
  pattern('[1-200, …] ranges', 'markdown', '1-200, ', 'A claim [', '1].'),
  pattern('[@k; @k; …] (one bracket)', 'markdown', '@k; ', 'A claim [', '@k].'),
  pattern('[@k] [@k] …', 'markdown', 'Secretome heals [@k]. '),
  pattern('@k @k … (author in text)', 'markdown', '@k '),
  pattern('[@doi:…; …] identifiers', 'markdown', '@doi:10.1/x; ', 'A claim [', '@k].'),
  pattern('\\bibliography{a} lines', 'latex', '\\bibliography{a}\n'),
  pattern('\\bibliography{a,a,…} (one command)', 'latex', 'a,', '\\bibliography{', 'a}\n'),
  // Runs of delimiters and markup.
  pattern('[[[[ (unclosed brackets)', 'markdown', '['),
  pattern(']]]] (unopened brackets)', 'markdown', ']'),
  pattern('{{{{ (braces, LaTeX)', 'latex', '{'),
  pattern('$$$$ (dollars)', 'markdown', '$'),
  pattern('$a$ $a$ … (inline math)', 'latex', '$a$ b '),
  pattern('\\\\\\\\ (backslashes)', 'latex', '\\'),
  pattern('--- lines (Markdown)', 'markdown', '---\n'),
  pattern('------ (one line of dashes)', 'markdown', '-'),
  // Bad text.
  pattern('NUL bytes', 'plaintext', '\u0000'),
  pattern('lone surrogates (invalid UTF-16)', 'markdown', '\ud800a\udfff '),
  pattern('one 5 MB line of cited prose', 'markdown', 'Secretome aids healing [17]. '),
  pattern('CR-only line ends', 'markdown', 'Secretome aids healing [17].\r'),
  pattern('CR-only line ends (LaTeX)', 'latex', 'Secretome aids healing \\cite{k}.\r'),
];

/** The file name the CLI reads a pattern from (its extension picks the language). */
export function fileNameFor(language: ManuscriptLanguage): string {
  return language === 'markdown' ? 'pattern.md' : language === 'latex' ? 'pattern.tex' : 'pattern.txt';
}
