/**
 * The commands that edit the manuscript's files: renumber citations by first use, and write the reference list. The
 * core computes one versioned WorkspaceEdit on the documents' current text; this file asks the client to apply it
 * (`workspace/applyEdit`: a client refuses it once a document has changed) and tells the user what happened.
 */
import { MessageType, type ApplyWorkspaceEditResult, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Config } from './core/config';
import type { ProjectEditResult } from './core/features/projectEdit';
import type { ReferenceListFormatter } from './core/features/referenceListWriter';
import { renumberCitationsCommand } from './core/features/renumber';
import { writeReferenceListCommand } from './core/features/referenceListWriter';
import { resolveCitationStyle } from './core/style';
import type { WorkspaceFileSystem } from './core/workspace';

export { renumberCitationsCommand, writeReferenceListCommand };

export const projectEditCommands: readonly string[] = [renumberCitationsCommand, writeReferenceListCommand];

/** What the command answers the client: what the core found, and whether the client applied the edit. */
export interface ProjectEditCommandResult {
  outcome: ProjectEditResult['outcome'] | 'stale';
  message: string;
  applied: boolean;
}

export interface ProjectEditHost {
  /** The core's answer for the document (undefined when the document is not open or the server has no dataset). */
  compute(command: string, uri: string): Promise<ProjectEditResult | undefined>;
  /** The version of an open document, undefined for a file the editor does not have open. */
  openVersion(uri: string): number | undefined;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult>;
  showMessage(type: MessageType, message: string): void;
}

/**
 * The CSL formatter for `secretome.citationStyle` (citeproc-js; a bundled style, or a .csl file inside the workspace
 * folder), and a problem to tell the user when the setting could not be used and Vancouver is used instead.
 */
export async function referenceListFormatterFor(
  config: Config,
  workspaceFolder: string | undefined,
  files: WorkspaceFileSystem,
): Promise<{ formatter: ReferenceListFormatter; problem?: string }> {
  const { formatter, problem } = await resolveCitationStyle(config.citationStyle, workspaceFolder, files);
  return { formatter, problem: problem?.message };
}

const labels: Record<string, string> = {
  [renumberCitationsCommand]: 'Renumber citations by first use',
  [writeReferenceListCommand]: 'Write the reference list',
};

export async function runProjectEditCommand(command: string, args: unknown[] | undefined, host: ProjectEditHost): Promise<ProjectEditCommandResult> {
  const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
  if (!uri) return told(host, { outcome: 'refused', message: 'Open the manuscript to change and run the command from it.', applied: false });
  const result = await host.compute(command, uri);
  if (!result) return told(host, { outcome: 'refused', message: 'That document is not open, so it was not changed.', applied: false });
  if (result.outcome !== 'edit' || !result.edit) return told(host, { outcome: result.outcome, message: result.message, applied: false });
  const answer = await host.applyEdit(labels[command] ?? command, versionedForClient(result.edit, host));
  if (!answer.applied) {
    return told(host, {
      outcome: 'stale',
      message: `Nothing was changed: the manuscript changed while the edit was prepared${answer.failureReason ? ` (${answer.failureReason})` : ''}. Run the command again.`,
      applied: false,
    });
  }
  return told(host, { outcome: 'edit', message: result.message, applied: true });
}

/**
 * Open documents keep the version the edit was computed on; a file read from disk has no editor version, so it is
 * named without one (the client checks versions of open documents only).
 */
function versionedForClient(edit: WorkspaceEdit, host: ProjectEditHost): WorkspaceEdit {
  const documentChanges = (edit.documentChanges ?? []).map((change) => {
    const documentEdit = change as TextDocumentEdit;
    if (!documentEdit.textDocument) return change;
    const open = host.openVersion(documentEdit.textDocument.uri);
    return open === undefined ? { ...documentEdit, textDocument: { uri: documentEdit.textDocument.uri, version: null } } : documentEdit;
  });
  return { ...edit, documentChanges };
}

function told(host: ProjectEditHost, result: ProjectEditCommandResult): ProjectEditCommandResult {
  const type = result.outcome === 'refused' || result.outcome === 'stale' ? MessageType.Warning : MessageType.Info;
  host.showMessage(type, `Secretome Writer: ${result.message}`);
  return result;
}
