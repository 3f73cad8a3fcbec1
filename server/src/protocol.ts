/**
 * Custom messages between the client and the server, in one place so both sides agree on names and shapes.
 * Everything else is plain LSP.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** Server → client: the server's state, shown in the client's status-bar item. */
export interface StatusParams {
  state: 'starting' | 'ready' | 'error';
  /** One line for the status bar tooltip, e.g. "54 references from Ebrahimi 2025". */
  message: string;
}
export const StatusNotification = new NotificationType<StatusParams>('secretome/status');
