/** Helpers for the lint tests: lint a text as a document, read the labelled corpus, apply code-action edits. */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Config, DeepPartial } from '../../server/src/core/config';
import { config, service } from './support';

let counter = 0;

export type Language = 'markdown' | 'latex' | 'plaintext';

export function documentOf(text: string, languageId: Language = 'plaintext'): TextDocument {
  const extension = languageId === 'latex' ? 'tex' : languageId === 'markdown' ? 'md' : 'txt';
  return TextDocument.create(`file:///lint/${++counter}.${extension}`, languageId, 1, text);
}

export function lint(text: string, languageId: Language = 'plaintext', partial?: DeepPartial<Config>): { document: TextDocument; diagnostics: Diagnostic[] } {
  const document = documentOf(text, languageId);
  return { document, diagnostics: service().doValidate(document, config(partial)) };
}

/** A diagnostic's message as text (the protocol allows Markdown content; the linter writes plain strings). */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((diagnostic) => String(diagnostic.code)))].sort();
}

export function actionsFor(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  return service().getCodeActions(document, diagnostic.range, [diagnostic], config());
}

/** The document's text after applying the action's edits (all for this document, applied back to front). */
export function applyAction(document: TextDocument, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[document.uri] ?? [];
  return TextDocument.applyEdits(document, edits);
}

export interface CorpusCase {
  file: string;
  line: number;
  expected: string[];
  text: string;
  language: Language;
}

/** Reads test/fixtures/lint/<name>.txt: `codes | text` per line (see the README there). */
export function readCorpus(name: string): CorpusCase[] {
  const file = path.join(__dirname, '../fixtures/lint', `${name}.txt`);
  const cases: CorpusCase[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (!raw.trim() || raw.startsWith('#')) return;
      const bar = raw.indexOf(' | ');
      if (bar < 0) throw new Error(`${name}.txt:${index + 1}: no " | " separator`);
      const codes = raw.slice(0, bar).trim();
      let text = raw.slice(bar + 3).replace(/\\n/g, '\n');
      let language: Language = 'plaintext';
      const prefix = /^\[(md|tex)\]/.exec(text);
      if (prefix) {
        language = prefix[1] === 'md' ? 'markdown' : 'latex';
        text = text.slice(prefix[0].length);
      }
      cases.push({
        file: `${name}.txt`,
        line: index + 1,
        expected: codes === '-' ? [] : codes.split(',').map((code) => code.trim()).sort(),
        text,
        language,
      });
    });
  return cases;
}
