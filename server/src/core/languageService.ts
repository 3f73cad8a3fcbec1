/**
 * The façade of the core: everything the server, the command-line linter and the tests need, behind one interface.
 * The core knows nothing of the LSP connection or of VS Code; it is functions from (document, dataset, config) to
 * protocol-shaped results, so the same code serves the editor, the CLI and the tests.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
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
  /** Every reference for the citation picker, ranked by the sentence at the position, with the citation to insert. */
  referencesToPick(document: TextDocument, position: Position, config: Config): PickableReference[];
  /** The references the document can cite under its numbering and the bibliographies `config.sources` names. */
  referencesFor(document: TextDocument, config: Config): DocumentReferences;
  /** Adds a bibliography's references, or replaces those of the same source id (a file read again). */
  setBibliography(input: BibliographyInput): void;
  /** Drops a bibliography that no document uses any more. */
  removeBibliography(id: string): void;
  /** Ids of the bibliographies loaded. */
  readonly bibliographyIds: readonly string[];
  /** Forgets cached state for a closed document. */
  forget(uri: string): void;
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

  function referencesOf(document: TextDocument, manuscript: Manuscript, config: Config): DocumentReferences {
    return knowledge.scopeFor({ bibliographyIds: config.sources.bibliographyIds, ownList: ownListOf(document, manuscript) });
  }

  function contextFor(document: TextDocument, config: Config): FeatureContext {
    const manuscript = parse(document);
    return { document, manuscript, references: referencesOf(document, manuscript, config), dataset, config };
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
    referencesToPick: (document, position, config) => referencesToPick(contextFor(document, config), position),
    referencesFor: (document, config) => referencesOf(document, parse(document), config),
    setBibliography: (input) => {
      knowledge = knowledge.withBibliography(input);
    },
    removeBibliography: (id) => {
      knowledge = knowledge.withoutBibliography(id);
    },
    get bibliographyIds() {
      return knowledge.bibliographyIds;
    },
    forget: (uri) => {
      parsed.delete(uri);
    },
    releaseCaches: () => {
      parsed.clear();
      clearLintCache(dataset);
      clearSentenceCache();
    },
  };
}
