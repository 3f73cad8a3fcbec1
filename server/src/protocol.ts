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
