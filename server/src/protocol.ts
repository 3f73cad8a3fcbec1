/**
 * Custom messages between the client and the server, in one place so both sides agree on names and shapes.
 * Everything else is plain LSP. Methods are plain strings so that client and server, which bundle their own copies
 * of the protocol library, share no types at run time.
 */

/** Server → client: the server's state, shown in the client's status-bar item. */
export const statusNotification = 'secretome/status';

export interface StatusParams {
  state: 'starting' | 'ready' | 'error';
  /** One line for the status-bar tooltip. */
  message: string;
}

/** Client → server: the references for the citation picker, ranked for the sentence at the position. */
export const referencesToPickRequest = 'secretome/referencesToPick';

export interface ReferencesToPickParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

/** One reference in the picker's answer (the core's type; only the shape crosses the wire). */
export type { PickableReference as PickableReferenceItem } from './core/features/citationPicker';

/**
 * Client → server, through workspace/executeCommand: lint every manuscript in the workspace folders, with progress,
 * and publish diagnostics for each (open ones in their current text). Answers with what was checked. (The palette command
 * `secretome.checkWorkspace` is the client's, so it exists before the server has started.)
 */
export const checkWorkspaceCommand = 'secretome.server.checkWorkspace';

export type { WorkspaceCheckSummary as CheckWorkspaceResult } from './workspaceFiles';

/**
 * Client → server, through workspace/executeCommand with the document's URI as the one argument: renumber the
 * project's numbered citations by first use, or write its reference list; the server applies the edit with
 * workspace/applyEdit and answers a ProjectEditCommandResult. (The palette commands are the client's.) The core
 * names the same strings (features/renumber.ts, features/referenceListWriter.ts) for its quick fix; a test keeps them equal.
 */
export const renumberCitationsCommand = 'secretome.server.renumberCitations';
export const writeReferenceListCommand = 'secretome.server.writeReferenceList';

export type { ProjectEditCommandResult } from './projectEditCommands';

/**
 * Client → server: the text of a `secretome-review:` document, the read-only view of one of the review's references
 * that go to definition opens (the review is bundled, so its entries are in no file). Answers Markdown, or null.
 */
export const reviewReferenceRequest = 'secretome/reviewReference';

export interface ReviewReferenceParams {
  uri: string;
}
