/**
 * Plain reference text made safe for the document it is written into, so a title's asterisk or a DOI's underscore
 * stays a character instead of becoming emphasis (Markdown) or an error (LaTeX).
 */

/**
 * Markdown (CommonMark): `*` always, since it can open emphasis anywhere; `_` unless it sits between two letters or
 * digits, where it cannot ("snake_case"); a backslash before punctuation, so it is not read as an escape itself.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/\*/g, '\\*')
    .replace(/_/g, (underscore, offset: number, whole: string) =>
      isWordCharacter(whole[offset - 1]) && isWordCharacter(whole[offset + 1]) ? underscore : '\\_',
    );
}

const latexReplacements: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** LaTeX: the ten special characters, each as its text command or escape (`&` → `\&`, `\` → `\textbackslash{}`). */
export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (character) => latexReplacements[character]);
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
}
