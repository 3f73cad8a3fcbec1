/**
 * What a command that edits the manuscript's files answers: one WorkspaceEdit of versioned document edits (the
 * versions the edit was computed on, so a client refuses it once a document has changed), or why nothing was done.
 */
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../manuscript/types';

export interface ProjectEditResult {
  /** `edit`: `edit` holds the change; `unchanged`: nothing to change; `refused`: the message says why not. */
  outcome: 'edit' | 'unchanged' | 'refused';
  /** For people: what the edit does, or why there is none. */
  message: string;
  edit?: WorkspaceEdit;
}

/** Offsets into one document and the text that replaces them. */
export interface SpanEdit extends Span {
  newText: string;
}

/** Collects span edits per document (in reading order) and turns them into one versioned WorkspaceEdit. */
export class ProjectEditBuilder {
  private readonly byUri = new Map<string, { document: TextDocument; edits: SpanEdit[] }>();

  replace(document: TextDocument, span: Span, newText: string): void {
    if (document.getText().slice(span.start, span.end) === newText) return;
    let entry = this.byUri.get(document.uri);
    if (!entry) this.byUri.set(document.uri, (entry = { document, edits: [] }));
    entry.edits.push({ start: span.start, end: span.end, newText });
  }

  get isEmpty(): boolean {
    return this.byUri.size === 0;
  }

  /** Number of edited documents and of edits in them. */
  get counts(): { documents: number; edits: number } {
    let edits = 0;
    for (const entry of this.byUri.values()) edits += entry.edits.length;
    return { documents: this.byUri.size, edits };
  }

  build(): WorkspaceEdit {
    const documentChanges: TextDocumentEdit[] = [];
    for (const { document, edits } of this.byUri.values()) {
      const sorted = [...edits].sort((a, b) => a.start - b.start);
      const textEdits: TextEdit[] = sorted.map((edit) => ({
        range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
        newText: edit.newText,
      }));
      documentChanges.push({ textDocument: { uri: document.uri, version: document.version }, edits: textEdits });
    }
    return { documentChanges };
  }
}

/** "02.results.md, line 14" */
export function placeOf(document: TextDocument, offset: number): string {
  const name = decodeURIComponent(document.uri.split('/').pop() ?? document.uri);
  return `${name}, line ${document.positionAt(offset).line + 1}`;
}

/** At most `limit` items, and how many more. */
export function listSome(items: readonly string[], limit = 3): string {
  const shown = items.slice(0, limit).join('; ');
  return items.length > limit ? `${shown}; and ${items.length - limit} more` : shown;
}
