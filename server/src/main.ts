/**
 * Entry point of the bundled server (dist/server.js). Runs under VS Code or any LSP editor:
 * `node dist/server.js --stdio` (also --node-ipc or --socket=PORT, as vscode-languageserver reads them).
 * The same file, started as a worker thread, parses long manuscripts for the server (backgroundManuscripts.ts), so the
 * package ships no other bundle for it.
 */
import { isMainThread, parentPort, Worker } from 'worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { startServer } from './server';
import { loadBundledDataset } from './core/bundledDataset';
import { NodeFileSystem } from './workspace/nodeFileSystem';
import { backgroundParser } from './workspace/backgroundParser';
import { serverAccessScope } from './workspace/accessScope';
import { findManuscripts } from './workspace/manuscriptsOnDisk';
import { backgroundManuscripts } from './backgroundManuscripts';
import { serveManuscriptParses } from './manuscriptWorker';

if (!isMainThread && parentPort) {
  serveManuscriptParses(parentPort);
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A failed message to the client (one it does not support, say) must never take the server down: log it and go on.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`[secretome] unexpected failure: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
  startServer(connection, {
    loadDataset: loadBundledDataset,
    now: () => performance.now(),
    // Only regular files inside the workspace folders (or named in settings), never pipes or devices, at most 256 MB.
    fileSystem: (scope) => new NodeFileSystem(scope),
    accessScope: serverAccessScope,
    findManuscripts: async (folderUri, limit) => {
      const found = await findManuscripts(URI.parse(folderUri).fsPath, limit);
      return { ...found, files: found.files.map((file) => URI.file(file).toString()) };
    },
    // Large libraries are parsed in a worker thread (dist/bibliographyWorker.js), so requests are answered meanwhile.
    parseBibliography: backgroundParser(),
    // Long manuscripts too: this file again, as a worker.
    manuscriptParser: backgroundManuscripts(() => new Worker(__filename)),
  });
  connection.listen();
}
