import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config } from '../config';
import type { Dataset } from '../dataset';
import type { Manuscript } from '../manuscript/types';

/** What every feature receives: the document, its parse, the dataset and the settings in force. */
export interface FeatureContext {
  document: TextDocument;
  manuscript: Manuscript;
  dataset: Dataset;
  config: Config;
}
