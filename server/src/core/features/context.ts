import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../config';
import type { Dataset } from '../dataset';
import type { DocumentReferences } from '../knowledge';
import type { Manuscript } from '../manuscript/types';
import type { ProjectContext } from '../project/model';

/** What every feature receives: the document, its parse, what it can cite, the dataset and the settings in force. */
export interface FeatureContext {
  document: TextDocument;
  manuscript: Manuscript;
  /** The references this document can cite, resolved under its own numbering and bibliographies. */
  references: DocumentReferences;
  dataset: Dataset;
  config: Config;
  /** The manuscript project the document belongs to (the document alone when the caller named none). */
  project: ProjectContext;
}
