/**
 * Rename a citation key across every file of the project and the entry that defines it, or a Manubot `@tag:name`
 * across its citations and its `[@tag:name]: …` definition. `prepareRename` refuses, with a message saying why, what
 * cannot be renamed: a number (renumbering changes those), a persistent identifier (`@doi:`, `@pmid:`…), a key
 * of the bundled review (not the writer's to rename), a key defined nowhere. A new name that is no valid key, or that
 * another reference in scope already has, is refused too. The core plans the edits; the key's own place in a
 * bibliography file is edited by whoever holds that file's text (`bibliographyKeyEdit`), so the core stays pure.
 */
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Reference } from '../knowledge/model';
import type { Span } from '../manuscript/types';
import type { FeatureContext } from './context';
import { referenceOf } from './definition';
import type { ProjectFile } from '../project/model';
import { bibitemKeySpan, identifierCitationsOf, keyCitationsOf, resolveKey, sameReference, targetAt, type NavigationTarget } from './navigationTarget';

export type PrepareRename =
  /** `definition`: the bibliography entry whose file must be edited too, so the caller can check it may edit that file. */
  | { range: Range; placeholder: string; definition?: Reference }
  | { refused: string };

export interface RenamePlan {
  /** Edits of the project's files, by URI, in reading order. */
  edits: Array<{ uri: string; edits: TextEdit[] }>;
  /** The bibliography entry whose key must be renamed in its file too (absent for a `\bibitem`, edited above). */
  definition?: Reference;
  newName: string;
}

export function prepareRename(context: FeatureContext, position: Position): PrepareRename {
  const target = targetAt(context.manuscript, context.document.offsetAt(position));
  if (!target) return { refused: 'Only a citation key can be renamed; the cursor is on none.' };
  if (isTag(target)) {
    const defined = tagDefinedIn(context, target.key);
    if ('refused' in defined) return defined;
    const span = tagNameSpan(context.manuscript.text, target.span);
    return { range: rangeOf(context.document, span), placeholder: target.key.slice(tagPrefix.length) };
  }
  const checked = renamable(context, target);
  if ('refused' in checked) return checked;
  const { document } = context;
  const range = { start: document.positionAt(target.span.start), end: document.positionAt(target.span.end) };
  const placeholder = target.kind === 'key' ? target.key : '';
  return checked.reference.source.kind === 'bibliography' ? { range, placeholder, definition: checked.reference } : { range, placeholder };
}

export function planRename(context: FeatureContext, position: Position, requested: string): RenamePlan | { refused: string } {
  const target = targetAt(context.manuscript, context.document.offsetAt(position));
  if (!target) return { refused: 'Only a citation key can be renamed; the cursor is on none.' };
  if (isTag(target)) return planTagRename(context, target.key, requested);
  const checked = renamable(context, target);
  if ('refused' in checked) return checked;
  return planRenameOf(context, checked.reference, requested);
}

const tagPrefix = 'tag:';

/** A Manubot `@tag:name` citation or `[@tag:name]: …` definition: the writer's own key, renamed in the project's files. */
function isTag(target: NavigationTarget): target is NavigationTarget & { kind: 'identifier' } {
  return target.kind === 'identifier' && target.key.toLowerCase().startsWith(tagPrefix);
}

/** Where the project defines `key` (`[@tag:x]: …` or front-matter `citekey-aliases`); else why it cannot be renamed. */
function tagDefinedIn(context: FeatureContext, key: string): { files: ProjectFile[] } | { refused: string } {
  const files = context.project.files.filter((file) => file.manuscript.tagDefinitions?.has(key));
  if (files.length > 0) return { files };
  return { refused: `@${key} is defined by no [@${key}]: line in this manuscript's files, so there is no definition to rename it in.` };
}

/**
 * Renames `@tag:name` to `@tag:<requested>` in every citation of the project and in its definition, so the citations
 * keep resolving. `requested` is the new name, with or without its `tag:`.
 */
function planTagRename(context: FeatureContext, key: string, requested: string): RenamePlan | { refused: string } {
  const defined = tagDefinedIn(context, key);
  if ('refused' in defined) return defined;
  const newName = requested.trim().replace(/^@/, '').replace(/^tag:/i, '');
  const invalid = invalidKey(newName);
  if (invalid) return { refused: invalid.replace(/citation key/g, 'tag name') };
  const newKey = `${tagPrefix}${newName}`;
  if (newKey !== key) {
    const taken = context.project.files.find((file) => file.manuscript.tagDefinitions?.has(newKey));
    if (taken) return { refused: `@${newKey} is already defined (${placeName(taken, taken.manuscript.tagDefinitions!.get(newKey)!.span)}); choose a name no tag has.` };
  }
  const byUri = new Map<string, TextEdit[]>();
  const add = (file: ProjectFile, span: Span) => byUri.set(file.document.uri, [...(byUri.get(file.document.uri) ?? []), { range: rangeOf(file.document, tagNameSpan(file.manuscript.text, span)), newText: newName }]);
  for (const { file, entry } of identifierCitationsOf(context, key)) add(file, entry);
  for (const file of defined.files) {
    const definition = file.manuscript.tagDefinitions!.get(key)!;
    const at = file.manuscript.text.indexOf(key, definition.span.start);
    if (at >= 0 && at < definition.span.end) add(file, { start: at, end: at + key.length });
  }
  const order = context.project.files.map((file) => file.document.uri);
  const edits = [...byUri].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([uri, fileEdits]) => ({ uri, edits: fileEdits.sort(byStart) }));
  return { edits, newName: newKey };
}

/** The name of `tag:name` written at `span`: what a rename replaces, the `tag:` kept. */
function tagNameSpan(text: string, span: Span): Span {
  const at = text.slice(span.start, span.end).toLowerCase().indexOf(tagPrefix);
  return at < 0 ? span : { start: span.start + at + tagPrefix.length, end: span.end };
}

function placeName(file: ProjectFile, span: Span): string {
  const name = file.document.uri.slice(file.document.uri.lastIndexOf('/') + 1);
  return `${name}, line ${file.document.positionAt(span.start).line + 1}`;
}

function byStart(a: TextEdit, b: TextEdit): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * The edits that rename `reference` (a bibliography entry or a `\bibitem`) to `requested` in the document's project:
 * asked from a citation, or from the entry in its bibliography file.
 */
export function planRenameOf(context: FeatureContext, reference: Reference, requested: string): RenamePlan | { refused: string } {
  const newName = requested.trim();
  const invalid = invalidKey(newName);
  if (invalid) return { refused: invalid };
  const existing = resolveKey(context.references, newName);
  if (existing && !sameReference(existing, reference)) {
    return { refused: `“${newName}” is already the key of another reference (${describe(existing)}); choose a key no reference has.` };
  }
  const byUri = new Map<string, TextEdit[]>();
  const add = (uri: string, edit: TextEdit) => byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
  for (const { file, entry } of keyCitationsOf(context, reference.key, reference)) {
    add(file.document.uri, { range: rangeOf(file.document, entry), newText: newName });
  }
  let definition: Reference | undefined = reference;
  if (reference.source.kind === 'manuscript-list') {
    const bibitem = bibitemOf(context, reference);
    if (!bibitem) return { refused: `The \\bibitem of “${reference.key}” could not be found in the reference list.` };
    add(bibitem.file.document.uri, { range: rangeOf(bibitem.file.document, bibitem.span), newText: newName });
    definition = undefined;
  }
  const order = context.project.files.map((file) => file.document.uri);
  const edits = [...byUri].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([uri, fileEdits]) => ({ uri, edits: fileEdits }));
  return { edits, definition, newName };
}

/** The reference a target names, if the writer may rename it; else why not. */
function renamable(context: FeatureContext, target: NavigationTarget): { reference: Reference } | { refused: string } {
  if (target.kind === 'number') {
    return { refused: `[${target.number}] cites an entry by its number, which is not a key; numbers change by renumbering, not renaming.` };
  }
  if (target.kind === 'identifier') {
    return { refused: `@${target.key} is a persistent identifier written as the citation, not a key of a bibliography, so it cannot be renamed.` };
  }
  const reference = referenceOf(context, target);
  if (!reference) return { refused: `“${target.key}” is defined in no bibliography or reference list of this manuscript, so there is no entry to rename it in.` };
  if (reference.source.kind === 'review') {
    return { refused: `“${target.key}” is a key of the review's references, which Secretome Writer bundles; it is not yours to rename. Add the paper to your own bibliography to give it your key.` };
  }
  if (reference.source.kind === 'identifier') return { refused: `“${target.key}” is an identifier, not a key of a bibliography.` };
  return { reference };
}

/**
 * Why a name cannot be a citation key, or undefined when it can: what both BibTeX and Pandoc accept (a letter, digit
 * or underscore first; then letters, digits and `_ - . : + /`; not ending in punctuation), and not a Manubot
 * identifier prefix, which would turn the key into an identifier.
 */
export function invalidKey(name: string): string | undefined {
  if (!name) return 'A citation key cannot be empty.';
  if (name.length > 200) return 'A citation key this long is not one a bibliography tool accepts (at most 200 characters).';
  if (/^(?:doi|pmid|pmcid|arxiv|isbn|url|wikidata|tag|raw):/i.test(name)) {
    return `“${name}” starts like a persistent identifier (${name.slice(0, name.indexOf(':') + 1)}), which a citation would read as one; choose another key.`;
  }
  if (!/^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.+/-]*[\p{L}\p{N}_])?$/u.test(name)) {
    return `“${name}” is not a valid citation key: use letters, digits and _ - . : + / (no spaces, braces, commas or @), starting and ending with a letter, digit or _.`;
  }
  return undefined;
}

/**
 * The edit that renames `reference`'s key where its bibliography file defines it (`@article{key,`, `"id": "key"`,
 * `id: key`), read from the file's current text; a message when the text no longer has the key there.
 */
export function bibliographyKeyEdit(text: string, reference: Reference, newName: string): TextEdit | { refused: string } {
  const location = reference.location;
  const label = reference.source.label;
  if (!location) return { refused: `${label} does not say where “${reference.key}” is defined.` };
  const start = offsetOf(text, location.line, location.character);
  const window = text.slice(start, start + 4000);
  const patterns = [
    /^@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)/d, // BibTeX: the entry's head
    /^"id"\s*:\s*"((?:[^"\\]|\\.)*)"/d, // CSL-JSON: located at the "id" member
    /(?:^|\n)[ \t]*(?:-[ \t]+)?id[ \t]*:[ \t]*["']?([^\s"',]+)/d, // CSL-YAML: the item's id line
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(window);
    const indices = match?.indices?.[1];
    if (!match || !indices) continue;
    const written = match[1]!;
    if (written.toLowerCase() !== reference.key.toLowerCase()) continue;
    const keyStart = start + indices[0];
    return { range: { start: positionOf(text, keyStart), end: positionOf(text, keyStart + written.length) }, newText: newName };
  }
  return { refused: `${label} no longer defines “${reference.key}” on line ${location.line + 1}; save it or wait for it to be read again, then rename.` };
}

function bibitemOf(context: FeatureContext, reference: Reference) {
  const file = context.project.files.find((candidate) => candidate.document.uri === reference.location?.uri) ?? context.project.ownListFile;
  const entry = file?.manuscript.referenceList?.entries.find((candidate) => candidate.key === reference.key);
  const span = file && entry ? bibitemKeySpan(file.manuscript.text, entry) : undefined;
  return file && span ? { file, span } : undefined;
}

function describe(reference: Reference): string {
  const line = reference.location ? `, line ${reference.location.line + 1}` : '';
  return `${reference.source.label}${line}`;
}

function rangeOf(document: { positionAt(offset: number): Position }, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + character, text.length);
}

function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}
