/**
 * A manuscript is a project of files: Manubot's numbered chapters, a LaTeX root and what it includes, a Quarto book's
 * chapters. Numbering, definitions, references and renaming see the whole project; the document being served is one
 * of its files. The caller (server or CLI) finds the project and hands it in with `config.sources.project`, each file
 * in its current text (open in the editor, else as read from disk); without one a document is a project of itself.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Manuscript, Span } from '../manuscript/types';

/** How the project was recognised. `setting`: named by `secretome.manuscript`; `single`: one document on its own. */
export type ProjectKind = 'manubot' | 'latex' | 'quarto' | 'pandoc' | 'setting' | 'single';

/** Something wrong with the project's files (a chapter that is named but missing, an `\input` cycle), at its place. */
export interface ProjectProblem {
  /** The file that names the missing or cyclic file. */
  uri: string;
  span?: Span;
  code: 'missing-file' | 'include-cycle' | 'unreadable-file' | 'too-many-files';
  message: string;
}

export interface ManuscriptProject {
  /** Stable identity: the URI of the root file (LaTeX root, `_quarto.yml`) or of the chapters' folder. */
  id: string;
  kind: ProjectKind;
  /** For people: "content/ (12 chapters)", "main.tex". */
  label: string;
  /** The project's files in reading order (the order citations are numbered in), each in its current text. */
  documents: TextDocument[];
  problems: ProjectProblem[];
}

/** One file of the project as features see it: its text and its parse. */
export interface ProjectFile {
  document: TextDocument;
  manuscript: Manuscript;
}

/** The project of the document a feature serves, parsed on first use. */
export interface ProjectContext {
  project: ManuscriptProject;
  /** Every file in reading order, parsed (cached by the language service); the served document is one of them. */
  readonly files: readonly ProjectFile[];
  /** The first file (in reading order) holding the manuscript's own numbered reference list, if any. */
  readonly ownListFile: ProjectFile | undefined;
}

/** A document on its own: the project when the caller names none. */
export function singleDocumentProject(document: TextDocument): ManuscriptProject {
  return { id: document.uri, kind: 'single', label: document.uri.split('/').pop() ?? document.uri, documents: [document], problems: [] };
}

/** The project context of a document on its own, for callers that parsed it themselves. */
export function singleFileContext(document: TextDocument, manuscript: Manuscript): ProjectContext {
  const files = [{ document, manuscript }];
  return { project: singleDocumentProject(document), files, ownListFile: manuscript.referenceList ? files[0] : undefined };
}
