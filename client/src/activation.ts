/**
 * What the desktop client (extension.ts, the server in a Node process) and the browser client (browserExtension.ts,
 * the server in the web worker) share: the status item, the commands, the client options. All analysis is in the server.
 * User-facing strings go through vscode.l10n.t (translations in l10n/bundle.l10n.<language>.json).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  checkWorkspaceCommand,
  referencesToPickRequest,
  reviewReferenceRequest,
  renumberCitationsCommand,
  writeReferenceListCommand,
  statusNotification,
  type PickableReferenceItem,
  type ReferencesToPickParams,
  type StatusParams,
} from '../../server/src/protocol';

/** The scheme of the review's read-only reference views (server/src/core/features/definition.ts names the same). */
const reviewReferenceScheme = 'secretome-review';

/** The languages served: Markdown and its dialects (Quarto, R Markdown), LaTeX and plain text. */
const languages = ['markdown', 'quarto', 'rmd', 'latex', 'plaintext'];

/**
 * On disk, unsaved, or in a virtual workspace (GitHub Repositories). Not in diff or Git views, whose copies would list
 * every finding twice.
 */
export const desktopSchemes = ['file', 'untitled', 'vscode-vfs'];

let client: BaseLanguageClient | undefined;

export interface ClientStarter {
  /** The URI schemes of the documents served. */
  schemes: readonly string[];
  /** The language client, its server started the platform's way. */
  createClient(clientOptions: LanguageClientOptions): BaseLanguageClient;
  /** Runs before the client starts: the browser client registers its answers to the server's file requests. */
  prepare?(client: BaseLanguageClient, context: vscode.ExtensionContext): void;
}

export async function activateClient(context: vscode.ExtensionContext, starter: ClientStarter): Promise<void> {
  const output = vscode.window.createOutputChannel('Secretome Writer', { log: true });
  const status = vscode.window.createStatusBarItem('secretome.status', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Secretome Writer');
  status.command = 'secretome.showOutput';
  showStatus(status, { state: 'starting', message: vscode.l10n.t('Secretome Writer is starting') });
  status.show();
  context.subscriptions.push(output, status);

  const documentSelector = [
    ...languages.flatMap((language) => starter.schemes.map((scheme) => ({ scheme, language }))),
    // BibTeX files, for find references and rename from an entry; the server never lints them as prose. CSL-JSON and
    // CSL-YAML bibliographies are added by the server (dynamic registration), by name, once a manuscript names them:
    // no other JSON or YAML file is sent to it.
    ...starter.schemes.filter((scheme) => scheme !== 'untitled').map((scheme) => ({ scheme, language: 'bibtex' })),
  ];
  // Bibliographies (BibTeX, CSL-JSON, CSL-YAML), the metadata that names them (metadata.yaml, _quarto.yml), LaTeX roots
  // and Manubot chapters that define tags: a change to any of them can change which citations resolve.
  const bibliographyWatcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,json,yaml,yml,tex,md,qmd}');
  context.subscriptions.push(bibliographyWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The rules documentation ships inside the extension; each diagnostic's code links to its rule's section.
    initializationOptions: { rulesDocumentation: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md').toString() },
    // The server re-reads what changed (by modification time) and checks the open documents again.
    synchronize: { configurationSection: 'secretome', fileEvents: bibliographyWatcher },
  };
  client = starter.createClient(clientOptions);
  starter.prepare?.(client, context);

  context.subscriptions.push(
    vscode.commands.registerCommand('secretome.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('secretome.restartServer', async () => {
      showStatus(status, { state: 'starting', message: vscode.l10n.t('Secretome Writer is restarting') });
      // BaseLanguageClient has no restart (the Node client's is this).
      if (client?.isRunning()) await client.stop();
      await client?.start();
    }),
    vscode.commands.registerCommand('secretome.insertCitation', () => insertCitation()),
    vscode.commands.registerCommand('secretome.checkWorkspace', () => checkWorkspace()),
    vscode.commands.registerCommand('secretome.openSample', () => openSample(context.extensionUri)),
    vscode.commands.registerCommand('secretome.renumberCitations', () => editProject(renumberCitationsCommand)),
    vscode.commands.registerCommand('secretome.writeReferenceList', () => editProject(writeReferenceListCommand)),
    client.onNotification(statusNotification, (params: StatusParams) => showStatus(status, params)),
    // Go to definition on one of the review's references opens its read-only view; the server writes the text.
    vscode.workspace.registerTextDocumentContentProvider(reviewReferenceScheme, {
      provideTextDocumentContent: async (uri) => (await client?.sendRequest<string | null>(reviewReferenceRequest, { uri: uri.toString() })) ?? '',
    }),
  );

  try {
    await client.start();
  } catch (error) {
    showStatus(status, { state: 'error', message: vscode.l10n.t('The server did not start: {0}', String(error)) });
    output.error(`the server did not start: ${String(error)}`);
  }
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Asks the server to check every manuscript in the workspace; it reports progress and the result itself. */
async function checkWorkspace(): Promise<void> {
  if (!client) return;
  if (!client.isRunning()) await client.start();
  await client.sendRequest('workspace/executeCommand', { command: checkWorkspaceCommand, arguments: [] });
}

/** Renumbers or writes the list of the active document's manuscript; the server applies the edit and says what it did. */
async function editProject(command: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  if (!client.isRunning()) await client.start();
  await client.sendRequest('workspace/executeCommand', { command, arguments: [editor.document.uri.toString()] });
}

/** The citation picker: the server ranks the references for the sentence at the cursor; the user picks one. */
async function insertCitation(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const params: ReferencesToPickParams = {
    textDocument: { uri: editor.document.uri.toString() },
    // The start of the selection: what goes before the inserted citation decides whether a space precedes it.
    position: client.code2ProtocolConverter.asPosition(editor.selection.start),
  };
  const references = await client.sendRequest<PickableReferenceItem[]>(referencesToPickRequest, params);
  if (references.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Secretome Writer: citations can be inserted in Markdown, Quarto, R Markdown, LaTeX and plain-text documents.'),
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    references.map((reference) => ({ label: reference.label, detail: reference.detail, description: reference.description, reference })),
    { placeHolder: vscode.l10n.t('Cite a reference (those about this sentence first)'), matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await editor.edit((edit) => edit.replace(editor.selection, picked.reference.insertText));
}

/** The walkthrough's sample manuscript, shipped in the extension, opened as an unsaved copy the user may edit freely. */
async function openSample(extensionUri: vscode.Uri): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'docs', 'walkthrough', 'sample.md'));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
  await vscode.window.showTextDocument(document);
}

function showStatus(item: vscode.StatusBarItem, params: StatusParams): void {
  const icons: Record<StatusParams['state'], string> = { starting: '$(sync~spin)', ready: '$(beaker)', error: '$(error)' };
  item.text = `${icons[params.state]} Secretome`;
  item.tooltip = params.message;
  item.backgroundColor =
    params.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}
