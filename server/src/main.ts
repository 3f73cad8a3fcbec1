/**
 * Entry point of the bundled server (dist/server.js). Runs under VS Code or any LSP editor:
 * `node dist/server.js --stdio` (also --node-ipc or --socket=PORT, as vscode-languageserver reads them).
 */
import { promises as fs } from 'fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { loadBundledDataset } from './core/bundledDataset';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  loadDataset: loadBundledDataset,
  now: () => performance.now(),
  files: {
    modified: async (file) => (await fs.stat(file)).mtimeMs,
    read: (file) => fs.readFile(file, 'utf8'),
  },
});
connection.listen();
