/**
 * Manubot citation-key definitions in Markdown: `[@tag:name]: doi:10.1101/gr.634603` lines (Markdown's link
 * reference definition form, any key allowed) and the `citekey-aliases:` map of the YAML front matter. Fenced
 * code is skipped. The Markdown prose scanner already leaves these lines out of the prose.
 */
import { readIdentifier } from './identifiers';
import type { Span, TagDefinition } from './types';

const DEFINITION_LINE = /^ {0,3}\[@([^\]\s]+)\]:[ \t]*(\S+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The key definitions of a Markdown manuscript, by the key as cited (`tag:name`); the first definition of a key wins. */
export function findKeyDefinitions(text: string): Map<string, TagDefinition> {
  const definitions = new Map<string, TagDefinition>();
  frontMatterAliases(text, definitions);
  let fence: string | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    // Only lines that can open a fence or a definition are sliced, so long prose lines cost nothing.
    let p = lineStart;
    while (p < contentEnd && p - lineStart < 3 && text.charCodeAt(p) === 0x20) p++;
    const opener = text.charCodeAt(p);
    const candidate = contentEnd - lineStart < 2000 && (opener === 0x5b /* [ */ || opener === 0x60 /* ` */ || opener === 0x7e /* ~ */);
    const line = candidate ? text.slice(lineStart, contentEnd) : '';
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (fence === undefined) {
      const match = DEFINITION_LINE.exec(line);
      if (match) add(definitions, match[1]!, match[2]!, { start: lineStart, end: contentEnd });
    }
    lineStart = lineEnd + 1;
  }
  return definitions;
}

function add(definitions: Map<string, TagDefinition>, key: string, target: string, span: Span): void {
  if (definitions.has(key)) return;
  const definition: TagDefinition = { target, span };
  const identifier = readIdentifier(target);
  if (identifier) definition.identifier = identifier;
  definitions.set(key, definition);
}

/** `citekey-aliases:` in the front matter: indented `key: target` lines below it. */
function frontMatterAliases(text: string, definitions: Map<string, TagDefinition>): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return;
  const close = text.slice(start + 3).search(/\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/);
  if (close < 0) return;
  const frontEnd = start + 3 + close;
  const heading = /^citekey-aliases:[ \t]*\r?$/m.exec(text.slice(0, frontEnd));
  if (!heading) return;
  const entry = /^([ \t]+)['"]?([^'"\s:][^'"\s]*?)['"]?:[ \t]+['"]?(\S+?)['"]?[ \t]*\r?$/gm;
  let pos = heading.index + heading[0].length + 1;
  entry.lastIndex = pos;
  for (let match = entry.exec(text); match && match.index === pos && match.index < frontEnd; match = entry.exec(text)) {
    add(definitions, match[2]!, match[3]!, { start: match.index, end: match.index + match[0].length });
    pos = match.index + match[0].length + 1;
  }
}
