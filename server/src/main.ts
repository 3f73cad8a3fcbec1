/**
 * Entry point of the bundled server (dist/server.js). Runs under VS Code or any LSP editor:
 * `node dist/server.js --stdio` (also --node-ipc or --socket=PORT, as vscode-languageserver reads them).
 */
import { promises as fs } from 'fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { loadBundledDataset } from './core/bundledDataset';

const connection = createConnection(ProposedFeatures.all);
// A failed message to the client (one it does not support, say) must never take the server down: log it and go on.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`[secretome] unexpected failure: ${reason instanceof Error ? reason.message : String(reason)}`);
});
startServer(connection, {
  loadDataset: loadBundledDataset,
  now: () => performance.now(),
  files: {
    modified: async (file) => (await fs.stat(file)).mtimeMs,
    read: (file) => fs.readFile(file, 'utf8'),
  },
});
connection.listen();
