/**
 * Entry point of the bundled server (dist/server.js). Runs under VS Code or any LSP editor:
 * `node dist/server.js --stdio` (also --node-ipc or --socket=PORT, as vscode-languageserver reads them).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { loadBundledDataset } from './core/bundledDataset';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { loadDataset: loadBundledDataset, now: () => performance.now() });
connection.listen();
