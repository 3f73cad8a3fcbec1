/**
 * Inline comments that silence rules: `<!-- secretome-disable-next-line unsupported-claim -->` (Markdown) or
 * `% secretome-disable-next-line ...` (LaTeX) for the next line, and `secretome-disable` … `secretome-enable` blocks.
 * No rule list means every rule. Both comment styles are read in every language, so a fix can never pick the wrong one.
 */

export interface Suppressions {
  /** Line number (0-based) → the codes silenced on it, or 'all'. */
  lines: Map<number, Set<string> | 'all'>;
  /** Offset ranges [start, end) where codes are silenced. */
  blocks: Array<{ start: number; end: number; codes: Set<string> | 'all' }>;
}

const DIRECTIVE = /(?:<!--|(?<!\\)%)[ \t]*secretome-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)(?:-->|$)/gm;

/** Reads every directive in the text; `lineOf` maps an offset to its 0-based line. */
export function parseSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  const suppressions: Suppressions = { lines: new Map(), blocks: [] };
  if (!text.includes('secretome-')) return suppressions;
  const open = new Map<string, number>();
  DIRECTIVE.lastIndex = 0;
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    const codes = parseCodes(match[2]);
    const keys = codes === 'all' ? ['*'] : [...codes];
    switch (match[1]) {
      case 'disable-next-line':
      case 'disable-line': {
        const line = lineOf(match.index) + (match[1] === 'disable-line' ? 0 : 1);
        const existing = suppressions.lines.get(line);
        suppressions.lines.set(line, existing === 'all' || codes === 'all' ? 'all' : new Set([...(existing ?? []), ...codes]));
        break;
      }
      case 'disable':
        for (const key of keys) if (!open.has(key)) open.set(key, match.index);
        break;
      case 'enable':
        for (const key of codes === 'all' ? [...open.keys()] : keys) {
          const start = open.get(key);
          if (start === undefined) continue;
          open.delete(key);
          suppressions.blocks.push({ start, end: match.index, codes: key === '*' ? 'all' : new Set([key]) });
        }
        break;
    }
  }
  for (const [key, start] of open) suppressions.blocks.push({ start, end: text.length, codes: key === '*' ? 'all' : new Set([key]) });
  return suppressions;
}

function parseCodes(list: string): Set<string> | 'all' {
  const codes = list
    .replace(/--$/, '')
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter((code) => /^[a-z][a-z-]*$/.test(code));
  return codes.length === 0 ? 'all' : new Set(codes);
}

export function isSuppressed(suppressions: Suppressions, code: string, offset: number, line: number): boolean {
  const onLine = suppressions.lines.get(line);
  if (onLine === 'all' || onLine?.has(code)) return true;
  return suppressions.blocks.some((block) => offset >= block.start && offset < block.end && (block.codes === 'all' || block.codes.has(code)));
}
