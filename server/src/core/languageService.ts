/**
 * The façade of the core: everything the server, the command-line linter and the tests need, behind one interface.
 * The core knows nothing of the LSP connection or of VS Code; it is functions from (document, dataset, config) to
 * protocol-shaped results, so the same code serves the editor, the CLI and the tests.
 */
import type { CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, Hover, Location, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from './config';
import type { Dataset } from './dataset';
import type { Manuscript, ManuscriptLanguage } from './manuscript/types';
import { clearSentenceCache, parseManuscript } from './manuscript';
import { clearLintCache } from './rules';
import { doComplete } from './features/completion';
import { doHover } from './features/hover';
import { computeDiagnostics, computeDiagnosticsSteps } from './features/diagnostics';
import { ByteBoundedCache, stringBytes } from './boundedCache';
import { getCodeActions } from './features/codeActions';
import { referencesToPick, type PickableReference } from './features/citationPicker';
import type { FeatureContext } from './features/context';
import { KnowledgeBase, type BibliographyInput, type DocumentReferences } from './knowledge';
import { readManuscriptList } from './sources/manuscriptList';
import type { Reference } from './knowledge/model';
import { citedKeysOf, type CitedKeys } from './features/unusedEntries';
import { singleDocumentProject, type ProjectContext, type ProjectFile } from './project/model';
import type { ProjectEditResult } from './features/projectEdit';
import { renumberCitations, renumberSourceActions } from './features/renumber';
import { standInFormatter, writeReferenceList, type ReferenceListFormatter } from './features/referenceListWriter';
import { findDefinition, reviewReferenceDocument } from './features/definition';
import { findReferences, referencesOfEntry } from './features/references';
import { planRename, planRenameOf, prepareRename, type PrepareRename, type RenamePlan } from './features/rename';
import { documentSymbols } from './features/symbols';
import { documentLinks } from './features/links';
import type { WorkspaceFileSystem } from './workspace';

export interface LanguageService {
  /**
   * Parses (or returns the cached parse of) a document. Cached by URI and checked against the text and language, not
   * the version: a client that reuses a version number for new text gets a new parse.
   */
  parse(document: TextDocument): Manuscript;
  /** Whether parse(document) would answer from the cache (the document's current text was parsed). */
  hasParse(document: TextDocument): boolean;
  /**
   * Takes a parse of the document's current text made elsewhere (by parseManuscript in a worker thread, so a long
   * document does not hold up the caller), as if parse(document) had made it.
   */
  adoptParse(document: TextDocument, manuscript: Manuscript): void;
  /** Completion of references inside citations, and of factor and EV-type names in prose. */
  doComplete(document: TextDocument, position: Position, config: Config): CompletionList;
  /** What the word or citation under the cursor is: a factor, an EV type, or the references cited. */
  doHover(document: TextDocument, position: Position, config: Config): Hover | null;
  /** Diagnostics for claims the review's evidence does not support. */
  doValidate(document: TextDocument, config: Config): Diagnostic[];
  /**
   * doValidate one paragraph per step: the caller drives the generator and may interleave other work or stop (the
   * document changed). The parse is done in the first step, so hand over a long document's parse first (adoptParse).
   */
  validateSteps(document: TextDocument, config: Config): Generator<void, Diagnostic[], void>;
  /** Quick fixes for the given diagnostics in range. */
  getCodeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[], config: Config): CodeAction[];
  /** Source actions of the kinds asked for (`only`): renumber citations by first use. */
  getSourceActions(document: TextDocument, config: Config, only: readonly string[] | undefined): CodeAction[];
  /** Renumbers the numbered citations of the document's project by first use and reorders its list: one versioned edit. */
  renumberCitations(document: TextDocument, config: Config): ProjectEditResult;
  /** Writes (or refreshes) the reference list for the numbered citations in use, in the formatter's CSL style. */
  writeReferenceList(document: TextDocument, config: Config, formatter?: ReferenceListFormatter): ProjectEditResult;
  /** Every reference for the citation picker, ranked by the sentence at the position, with the citation to insert. */
  referencesToPick(document: TextDocument, position: Position, config: Config): PickableReference[];
  /** The references the document can cite under its numbering and the bibliographies `config.sources` names. */
  referencesFor(document: TextDocument, config: Config): DocumentReferences;
  /** Adds a bibliography's references, or replaces those of the same source id (a file read again). */
  setBibliography(input: BibliographyInput): void;
  /** Drops a bibliography that no document uses any more. */
  removeBibliography(id: string): void;
  /** The references with `reviewNumber` set where they are the review's papers (a reader's chunk, before `setBibliography` with `linked`). */
  linkToReview(references: readonly Reference[]): Reference[];
  /** The keys cited anywhere in the document's project (for unused-entry), and whether `\nocite{*}` takes every entry. */
  citedKeys(document: TextDocument, config: Config): CitedKeys;
  /** The entries of a loaded bibliography, in file order (none when it is not loaded). */
  bibliographyEntries(id: string): readonly Reference[];
  /** Ids of the bibliographies loaded. */
  readonly bibliographyIds: readonly string[];
  /** Forgets cached state for a closed document. */
  forget(uri: string): void;
  /** Where the reference cited under the cursor is defined (a `secretome-review:` view for the review's). */
  findDefinition(document: TextDocument, position: Position, config: Config): Location | null;
  /** Every citation, across the project, of the reference under the cursor. */
  findReferences(document: TextDocument, position: Position, config: Config, includeDeclaration: boolean): Location[];
  /** Every citation, across the document's project, of a bibliography entry (asked on the bibliography file). */
  referencesOfEntry(document: TextDocument, entry: Reference, config: Config, includeDeclaration: boolean): Location[];
  /** The loaded bibliography entry whose text holds the position (the last entry starting at or before it). */
  bibliographyEntryAt(bibliographyId: string, position: Position): Reference | undefined;
  /** The entry a loaded bibliography defines under the key (as a citation of it resolves there), if any. */
  bibliographyEntry(bibliographyId: string, key: string): Reference | undefined;
  /** The key under the cursor and its range, or why it cannot be renamed. */
  prepareRename(document: TextDocument, position: Position, config: Config): PrepareRename;
  /** The edits that rename the key under the cursor across the project, or why not. */
  planRename(document: TextDocument, position: Position, newName: string, config: Config): RenamePlan | { refused: string };
  /** The edits that rename a bibliography entry's key in the document's project (asked on the bibliography file). */
  planRenameOfEntry(document: TextDocument, entry: Reference, newName: string, config: Config): RenamePlan | { refused: string };
  /** Headings, nested, and the entries of the manuscript's own reference list. */
  documentSymbols(document: TextDocument): DocumentSymbol[];
  /** Links on the bibliographies and included files the document names, for those that exist. */
  documentLinks(document: TextDocument, config: Config, files: WorkspaceFileSystem): Promise<DocumentLink[]>;
  /** The text of a `secretome-review:` view of one of the review's references, or undefined. */
  reviewReferenceView(uri: string): string | undefined;
  /**
   * Drops the memo caches every document shares (findings per paragraph, sentence splits per block): the server
   * calls it when the last document closes, so memory goes back near where it started.
   */
  releaseCaches(): void;
}

export interface LanguageServiceOptions {
  dataset: Dataset;
}

/** Maps an editor language id to the manuscript language the core reads; other ids are read as plain text. */
export function manuscriptLanguageOf(languageId: string): ManuscriptLanguage {
  if (languageId === 'markdown' || languageId === 'quarto' || languageId === 'rmd') return 'markdown';
  if (languageId === 'latex' || languageId === 'tex' || languageId === 'bibtex') return 'latex';
  return 'plaintext';
}

/**
 * The parses kept, by the memory they are estimated to hold (the text and, about three times its size, the spans,
 * sentences and citations): one per open document in practice, and never more than this however many are opened.
 */
export const PARSE_CACHE_BYTES = 256 * 1024 * 1024;

interface CachedParse {
  text: string;
  languageId: string;
  manuscript: Manuscript;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { dataset } = options;
  const parsed = new ByteBoundedCache<string, CachedParse>(PARSE_CACHE_BYTES, (uri, entry) => stringBytes(uri) + 8 * entry.text.length + 1024);
  let knowledge = KnowledgeBase.create(dataset);
  /** The document's own numbered list as references, read once per parse. */
  const ownLists = new WeakMap<Manuscript, Reference[]>();

  /** The cached parse if it was made from this text and language (the same string is compared at once). */
  function cachedParse(document: TextDocument): Manuscript | undefined {
    const cached = parsed.get(document.uri);
    return cached && cached.languageId === document.languageId && cached.text === document.getText() ? cached.manuscript : undefined;
  }

  function adoptParse(document: TextDocument, manuscript: Manuscript): void {
    parsed.set(document.uri, { text: document.getText(), languageId: document.languageId, manuscript });
  }

  function parse(document: TextDocument): Manuscript {
    const cached = cachedParse(document);
    if (cached) return cached;
    const manuscript = parseManuscript(document.getText(), manuscriptLanguageOf(document.languageId));
    adoptParse(document, manuscript);
    return manuscript;
  }

  function ownListOf(document: TextDocument, manuscript: Manuscript): Reference[] {
    let list = ownLists.get(manuscript);
    if (!list) {
      list = manuscript.referenceList
        ? readManuscriptList(manuscript.text, manuscript.language, manuscript.referenceList, document.uri).references
        : [];
      ownLists.set(manuscript, list);
    }
    return list;
  }

  /**
   * The document's project, its files parsed on first use. The served document stands in its current text even when
   * the caller's project holds an older copy of it; a project that does not contain the document is not its project.
   */
  function projectFor(document: TextDocument, config: Config): ProjectContext {
    const named = config.sources.project;
    const project = named && named.documents.some((file) => file.uri === document.uri) ? named : singleDocumentProject(document);
    let files: ProjectFile[] | undefined;
    const parsedFiles = (): ProjectFile[] =>
      (files ??= project.documents.map((file) => {
        const current = file.uri === document.uri ? document : file;
        return { document: current, manuscript: parse(current) };
      }));
    return {
      project,
      get files() {
        return parsedFiles();
      },
      get ownListFile() {
        return parsedFiles().find((file) => file.manuscript.referenceList !== undefined);
      },
    };
  }

  /** A numbered citation anywhere in the project means an entry of the project's own list, wherever that list is. */
  function referencesOf(document: TextDocument, config: Config, project = projectFor(document, config)): DocumentReferences {
    const listFile = project.ownListFile;
    const ownList = listFile ? ownListOf(listFile.document, listFile.manuscript) : [];
    return knowledge.scopeFor({ bibliographyIds: config.sources.bibliographyIds, ownList });
  }

  function contextFor(document: TextDocument, config: Config): FeatureContext {
    const manuscript = parse(document);
    const project = projectFor(document, config);
    return { document, manuscript, references: referencesOf(document, config, project), dataset, config, project };
  }

  return {
    parse,
    hasParse: (document) => cachedParse(document) !== undefined,
    adoptParse,
    doComplete: (document, position, config) => doComplete(contextFor(document, config), position),
    doHover: (document, position, config) => doHover(contextFor(document, config), position),
    doValidate: (document, config) => computeDiagnostics(contextFor(document, config)),
    validateSteps: function* (document, config) {
      return yield* computeDiagnosticsSteps(contextFor(document, config));
    },
    getCodeActions: (document, range, diagnostics, config) => getCodeActions(contextFor(document, config), range, diagnostics),
    getSourceActions: (document, config, only) => renumberSourceActions(contextFor(document, config), only),
    renumberCitations: (document, config) => renumberCitations(contextFor(document, config)),
    writeReferenceList: (document, config, formatter) => writeReferenceList(contextFor(document, config), formatter ?? standInFormatter(dataset)),
    referencesToPick: (document, position, config) => referencesToPick(contextFor(document, config), position),
    referencesFor: (document, config) => referencesOf(document, config),
    setBibliography: (input) => {
      knowledge = knowledge.withBibliography(input);
    },
    removeBibliography: (id) => {
      knowledge = knowledge.withoutBibliography(id);
    },
    linkToReview: (references) => knowledge.linkToReview(references),
    citedKeys: (document, config) => citedKeysOf(projectFor(document, config).files),
    bibliographyEntries: (id) => knowledge.bibliography(id)?.references ?? [],
    get bibliographyIds() {
      return knowledge.bibliographyIds;
    },
    forget: (uri) => {
      parsed.delete(uri);
    },
    findDefinition: (document, position, config) => findDefinition(contextFor(document, config), position),
    findReferences: (document, position, config, includeDeclaration) => findReferences(contextFor(document, config), position, includeDeclaration),
    referencesOfEntry: (document, entry, config, includeDeclaration) => referencesOfEntry(contextFor(document, config), entry, includeDeclaration),
    bibliographyEntryAt: (bibliographyId, position) => entryAt(knowledge.bibliography(bibliographyId)?.references ?? [], position),
    bibliographyEntry: (bibliographyId, key) => knowledge.bibliography(bibliographyId)?.byKeyOf(key),
    prepareRename: (document, position, config) => prepareRename(contextFor(document, config), position),
    planRename: (document, position, newName, config) => planRename(contextFor(document, config), position, newName),
    planRenameOfEntry: (document, entry, newName, config) => planRenameOf(contextFor(document, config), entry, newName),
    documentSymbols: (document) => {
      const manuscript = parse(document);
      return documentSymbols(document, manuscript, ownListOf(document, manuscript));
    },
    documentLinks: (document, config, files) => documentLinks(contextFor(document, config), files),
    reviewReferenceView: (uri) => reviewReferenceDocument(dataset, uri, knowledge.review.references),
    releaseCaches: () => {
      parsed.clear();
      clearLintCache(dataset);
      clearSentenceCache();
    },
  };
}

/** The entry a position in a bibliography file is in: the last one whose location is at or before it. */
function entryAt(references: readonly Reference[], position: Position): Reference | undefined {
  let found: Reference | undefined;
  for (const reference of references) {
    const at = reference.location;
    if (!at) continue;
    if (at.line < position.line || (at.line === position.line && at.character <= position.character)) {
      if (!found || at.line > found.location!.line || (at.line === found.location!.line && at.character > found.location!.character)) found = reference;
    }
  }
  return found;
}
