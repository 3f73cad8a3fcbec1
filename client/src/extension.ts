/**
 * The desktop client: the language server runs in its own Node process (dist/server.js), spoken to over IPC.
 * Everything else is shared with the browser client (activation.ts).
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, deactivateClient, desktopSchemes } from './activation';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateClient(context, {
    schemes: desktopSchemes,
    createClient: (clientOptions) => new LanguageClient('secretome', 'Secretome Writer', serverOptions, clientOptions),
  });
}

export const deactivate = deactivateClient;
