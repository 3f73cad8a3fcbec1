/**
 * The server's side of navigation that needs more than one document: a rename's WorkspaceEdit (versioned edits of
 * open documents, the key's entry in its bibliography file read from the editor or the disk) and the references of a
 * bibliography entry, asked on the .bib file, gathered from every manuscript of the workspace that uses that
 * bibliography (the open ones in their current text, the others as the server reads them from disk).
 */
import type { Location, Position, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Config } from './core/config';
import type { LanguageService } from './core/languageService';
import type { Reference } from './core/knowledge/model';
import { bibliographyKeyEdit, type RenamePlan } from './core/features/rename';
import { locationOf } from './core/features/definition';

/** Language ids of bibliography and data files: never prose (JSON and YAML are synchronised only as CSL bibliographies). */
const bibliographyLanguages = new Set(['bibtex', 'biblatex', 'json', 'jsonc', 'yaml']);

/**
 * Bibliography files (BibTeX; CSL-JSON and CSL-YAML, which the server registers with the client by name): opened for
 * references and rename, never linted as prose. Any JSON or YAML document counts, so one that reaches the server is
 * never linted either.
 */
export function isBibliographyDocument(document: TextDocument): boolean {
  return bibliographyLanguages.has(document.languageId) || /\.(?:bib|json|ya?ml)$/i.test(document.uri);
}

/**
 * Why the writer's entry cannot be edited (a file outside the workspace folders, given as URIs of any scheme the
 * server reads: `file:` on the desktop, the editor's own in the browser), or undefined when it can.
 */
export function uneditableDefinition(reference: Reference | undefined, workspaceFolders: readonly URI[]): string | undefined {
  const uri = reference?.location?.uri;
  if (!reference || !uri) return undefined;
  const parsed = URI.parse(uri);
  const inside = workspaceFolders.some(
    (folder) =>
      folder.scheme === parsed.scheme &&
      folder.authority === parsed.authority &&
      (parsed.path === folder.path || parsed.path.startsWith(folder.path.endsWith('/') ? folder.path : `${folder.path}/`)),
  );
  return inside ? undefined : `“${reference.key}” is defined in ${reference.source.label}, outside the workspace folders; Secretome Writer edits no file there.`;
}

export interface RenameFiles {
  /** The document open in the editor, if it is. */
  open(uri: string): TextDocument | undefined;
  /** A file's text from disk, through the safe file system. */
  read(uri: string): Promise<string>;
}

/**
 * The plan as a WorkspaceEdit of versioned document changes: an open document's edits carry the version they were
 * computed on (the editor refuses them once the text has changed); a file not open carries null.
 */
export async function renameWorkspaceEdit(plan: RenamePlan, files: RenameFiles): Promise<WorkspaceEdit | { refused: string }> {
  const documentChanges: TextDocumentEdit[] = plan.edits.map(({ uri, edits }) => ({ textDocument: { uri, version: files.open(uri)?.version ?? null }, edits }));
  if (plan.definition?.location) {
    const uri = plan.definition.location.uri;
    const open = files.open(uri);
    let text: string;
    try {
      text = open ? open.getText() : await files.read(uri);
    } catch (error) {
      return { refused: `${plan.definition.source.label} could not be read to rename “${plan.definition.key}” in it: ${(error as Error).message}` };
    }
    const edit = bibliographyKeyEdit(text, plan.definition, plan.newName);
    if ('refused' in edit) return edit;
    const existing = documentChanges.find((change) => change.textDocument.uri === uri);
    if (existing) existing.edits.push(edit);
    else documentChanges.push({ textDocument: { uri, version: open?.version ?? null }, edits: [edit] });
  }
  return { documentChanges };
}

/** Manuscripts to search, the open ones first; the server's reads the workspace's others from disk as they are asked for. */
export type Manuscripts = Iterable<TextDocument> | AsyncIterable<TextDocument>;

/**
 * The manuscripts that use the bibliography, each with its config, skipping one whose project a manuscript before it
 * already covered (its citations were found there): a book of fifty chapters is searched once, not fifty times.
 */
async function* usersOf(bibliographyUri: string, manuscripts: Manuscripts, configFor: (document: TextDocument) => Promise<Config>): AsyncGenerator<{ document: TextDocument; config: Config }> {
  const covered = new Set<string>();
  for await (const document of manuscripts) {
    if (isBibliographyDocument(document) || covered.has(document.uri)) continue;
    const config = await configFor(document);
    if (!config.sources.bibliographyIds.includes(bibliographyUri)) continue;
    for (const file of config.sources.project?.documents ?? []) covered.add(file.uri);
    yield { document, config };
  }
}

/** The citations of the .bib entry at the position, across the manuscripts (and their projects) that use the file. */
export async function bibliographyEntryReferences(
  bibliography: TextDocument,
  position: Position,
  includeDeclaration: boolean,
  service: LanguageService,
  manuscripts: Manuscripts,
  configFor: (document: TextDocument) => Promise<Config>,
): Promise<Location[]> {
  const entry = service.bibliographyEntryAt(bibliography.uri, position);
  if (!entry) return [];
  const declaration = includeDeclaration ? locationOf(entry) : null;
  const found: Location[] = declaration ? [declaration] : [];
  const seen = new Set<string>();
  for await (const { document, config } of usersOf(bibliography.uri, manuscripts, configFor)) {
    for (const location of service.referencesOfEntry(document, entry, config, false)) {
      const key = `${location.uri}#${location.range.start.line}:${location.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(location);
    }
  }
  return found;
}

/** On a .bib entry's key: its range, to rename it (elsewhere in the entry, or on no entry, why not). */
export function prepareBibliographyRename(bibliography: TextDocument, position: Position, service: LanguageService): { range: Range; placeholder: string } | { refused: string } {
  const entry = service.bibliographyEntryAt(bibliography.uri, position);
  if (!entry) return { refused: 'Rename works on the key of an entry this bibliography defines; Secretome Writer has not read one here (open a manuscript that uses the file).' };
  const edit = bibliographyKeyEdit(bibliography.getText(), entry, entry.key);
  if ('refused' in edit) return edit;
  const { start, end } = edit.range;
  const inside = (start.line < position.line || (start.line === position.line && start.character <= position.character)) && (position.line < end.line || (position.line === end.line && position.character <= end.character));
  if (!inside) return { refused: `Put the cursor on the key “${entry.key}” to rename it.` };
  return { range: edit.range, placeholder: entry.key };
}

/**
 * Renaming a .bib entry's key from the .bib: its citations in every manuscript (and their projects) that uses the
 * file, and the key itself. Refused when no manuscript uses the file: it could not be told where it is cited.
 */
export async function bibliographyRenamePlan(
  bibliography: TextDocument,
  position: Position,
  newName: string,
  service: LanguageService,
  manuscripts: Manuscripts,
  configFor: (document: TextDocument) => Promise<Config>,
): Promise<RenamePlan | { refused: string }> {
  const prepared = prepareBibliographyRename(bibliography, position, service);
  if ('refused' in prepared) return prepared;
  const entry = service.bibliographyEntryAt(bibliography.uri, position)!;
  const byUri = new Map<string, RenamePlan['edits'][number]['edits']>();
  let users = 0;
  for await (const { document, config } of usersOf(bibliography.uri, manuscripts, configFor)) {
    users++;
    const plan = service.planRenameOfEntry(document, entry, newName, config);
    if ('refused' in plan) return plan;
    // Open chapters of one project plan the same edits: each place once.
    for (const { uri, edits } of plan.edits) {
      const kept = byUri.get(uri) ?? [];
      for (const edit of edits) {
        if (!kept.some((other) => other.range.start.line === edit.range.start.line && other.range.start.character === edit.range.start.character)) kept.push(edit);
      }
      byUri.set(uri, kept);
    }
  }
  if (users === 0) return { refused: `No manuscript of the workspace is known to use ${entry.source.label} and cite “${entry.key}”; open one that does, so that its citations are renamed too.` };
  return { edits: [...byUri].map(([uri, edits]) => ({ uri, edits })), definition: entry, newName: newName.trim() };
}
