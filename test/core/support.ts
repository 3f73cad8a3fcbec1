/** Helpers for core tests: a language service over the bundled dataset, and documents written with a cursor marker. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig, type Config, type DeepPartial } from '../../server/src/core/config';

let shared: LanguageService | undefined;

export function service(): LanguageService {
  shared ??= createLanguageService({ dataset: loadBundledDataset() });
  return shared;
}

export function config(partial?: DeepPartial<Config>): Config {
  return resolveConfig(partial);
}

let documentCounter = 0;

/** A document from text with one `|` marking the cursor; returns the document and the cursor position. */
export function documentWithCursor(marked: string, languageId = 'markdown'): { document: TextDocument; position: Position } {
  const index = marked.indexOf('|');
  if (index === -1) throw new Error(`no cursor marker in: ${marked}`);
  const text = marked.slice(0, index) + marked.slice(index + 1);
  const document = TextDocument.create(`file:///test/${++documentCounter}.${extensionOf(languageId)}`, languageId, 1, text);
  return { document, position: document.positionAt(index) };
}

function extensionOf(languageId: string): string {
  return languageId === 'latex' ? 'tex' : languageId === 'markdown' ? 'md' : 'txt';
}

/** The text the document would have after applying an item's text edit. */
export function applyEdit(document: TextDocument, edit: { range: { start: Position; end: Position }; newText: string }): string {
  const text = document.getText();
  return text.slice(0, document.offsetAt(edit.range.start)) + edit.newText + text.slice(document.offsetAt(edit.range.end));
}
