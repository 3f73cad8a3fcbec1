/**
 * The browser client (VS Code for the Web: vscode.dev, github.dev, code-server), package.json's `browser` entry. The
 * language server runs in this same web worker, on a MessageChannel (server/src/browserServer.ts): an extension served
 * from a remote may not start a Worker of its own (microsoft/vscode#168942). The server reads files through this
 * client (fileSystemBridge.ts). Everything else is shared with the desktop client (activation.ts).
 */
import type * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { startBrowserServer } from '../../server/src/browserServer';
import { activateClient, deactivateClient, desktopSchemes } from './activation';
import { answerFileRequests } from './fileSystemBridge';

/**
 * The desktop's schemes plus a workspace served by a remote (code-server, Codespaces in a browser) and VS Code's own
 * web test file system.
 */
const browserSchemes = [...desktopSchemes, 'vscode-remote', 'vscode-test-web'];

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateClient(context, {
    schemes: browserSchemes,
    createClient: (clientOptions) =>
      new LanguageClient(
        'secretome',
        'Secretome Writer',
        // Called on every start (and restart): a fresh channel and a fresh server; the old one stops on `exit`.
        async () => {
          const channel = new MessageChannel();
          startBrowserServer(channel.port1);
          return { reader: new BrowserMessageReader(channel.port2), writer: new BrowserMessageWriter(channel.port2) };
        },
        clientOptions,
      ),
    prepare: (client, context) => context.subscriptions.push(answerFileRequests(client)),
  });
}

export const deactivate = deactivateClient;
