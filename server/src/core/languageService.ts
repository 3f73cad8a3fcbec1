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
import { parseManuscript } from './manuscript';
import { doComplete } from './features/completion';
import { doHover } from './features/hover';
import { computeDiagnostics } from './features/diagnostics';
import { getCodeActions } from './features/codeActions';
import { referencesToPick, type PickableReference } from './features/citationPicker';

export interface LanguageService {
  /** Parses (or returns the cached parse of) a document; cached by URI and version. */
  parse(document: TextDocument): Manuscript;
  /** Completion of references inside citations, and of factor and EV-type names in prose. */
  doComplete(document: TextDocument, position: Position, config: Config): CompletionList;
  /** What the word or citation under the cursor is: a factor, an EV type, or the references cited. */
  doHover(document: TextDocument, position: Position, config: Config): Hover | null;
  /** Diagnostics for claims the review's evidence does not support. */
  doValidate(document: TextDocument, config: Config): Diagnostic[];
  /** Quick fixes for the given diagnostics in range. */
  getCodeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[], config: Config): CodeAction[];
  /** Every reference for the citation picker, ranked by the sentence at the position, with the citation to insert. */
  referencesToPick(document: TextDocument, position: Position, config: Config): PickableReference[];
  /** Forgets cached state for a closed document. */
  forget(uri: string): void;
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

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { dataset } = options;
  const parsed = new Map<string, { version: number; manuscript: Manuscript }>();

  function parse(document: TextDocument): Manuscript {
    const cached = parsed.get(document.uri);
    if (cached && cached.version === document.version) return cached.manuscript;
    const manuscript = parseManuscript(document.getText(), manuscriptLanguageOf(document.languageId));
    parsed.set(document.uri, { version: document.version, manuscript });
    return manuscript;
  }

  return {
    parse,
    doComplete: (document, position, config) => doComplete({ document, manuscript: parse(document), dataset, config }, position),
    doHover: (document, position, config) => doHover({ document, manuscript: parse(document), dataset, config }, position),
    doValidate: (document, config) => computeDiagnostics({ document, manuscript: parse(document), dataset, config }),
    getCodeActions: (document, range, diagnostics, config) =>
      getCodeActions({ document, manuscript: parse(document), dataset, config }, range, diagnostics),
    referencesToPick: (document, position, config) =>
      referencesToPick({ document, manuscript: parse(document), dataset, config }, position),
    forget: (uri) => {
      parsed.delete(uri);
    },
  };
}
