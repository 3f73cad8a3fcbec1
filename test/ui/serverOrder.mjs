// Asks the bundled language server for completions over stdio, as any LSP editor would, so the UI test can compare
// the order the server chose with the order VS Code shows.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const {
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

export async function askServerForCompletions(serverPath, markdownText, position) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.listen();
  const timer = setTimeout(() => child.kill(), 20_000); // never outlive a stuck server
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///ranking.md';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: markdownText },
    });
    const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return Array.isArray(result) ? result : (result?.items ?? []);
  } catch (error) {
    throw new Error(`the language server did not answer: ${error}\n${stderr}`);
  } finally {
    clearTimeout(timer);
    connection.dispose();
    child.kill();
  }
}
