/**
 * Helpers for the editor suites: open a fixture, find a position by its text, and ask VS Code's own commands
 * (the same ones the editor uses) for completions, hovers, diagnostics and code actions, polling until the
 * language server has answered. Nothing here sleeps a fixed time: every wait is a poll with a deadline.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

export const extensionId = 'secretome-writer.secretome-writer';

/** The bundles live in out/editor-test/, two levels below the project root. */
export const fixturesDir = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'editor');

/** How long one poll may take: the first request also waits for the server to start. */
const defaultDeadlineMs = 20_000;

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this editor`);
  await extension.activate();
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(fixturesDir, name)));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position just after `needle` (its `occurrence`-th appearance, counted from 1), or inside it with `offsetInNeedle`. */
export function positionOf(
  document: vscode.TextDocument,
  needle: string,
  options: { occurrence?: number; offsetInNeedle?: number } = {},
): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let seen = 0; seen < (options.occurrence ?? 1); seen++) {
    index = text.indexOf(needle, index + 1);
    assert.notStrictEqual(index, -1, `${path.basename(document.fileName)} does not contain ${JSON.stringify(needle)}`);
  }
  return document.positionAt(index + (options.offsetInNeedle ?? needle.length));
}

/**
 * Calls `produce` until `accept` holds for its result, returning that result; after the deadline fails with the last
 * result so the message shows what the editor actually had.
 */
export async function pollUntil<T>(
  description: string,
  produce: () => Thenable<T> | T,
  accept: (value: T) => boolean,
  deadlineMs = defaultDeadlineMs,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: T | undefined;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      last = await produce();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const shown = lastError ? String(lastError) : JSON.stringify(summarise(last), null, 1)?.slice(0, 2000);
      assert.fail(`${description}: not seen within ${deadlineMs} ms; last result: ${shown}`);
    }
    // Back off gently: the first answers come in milliseconds, a cold server start takes seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}

function summarise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(summarise);
  if (value instanceof vscode.CompletionItem) return { label: labelOf(value), sortText: value.sortText };
  if (value instanceof vscode.Hover) return hoverText([value]);
  return value;
}

export async function completionsAt(
  document: vscode.TextDocument,
  position: vscode.Position,
  triggerCharacter?: string,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
    triggerCharacter,
  );
  return list?.items ?? [];
}

/** Only the items our server sent (other providers, such as Markdown's path completion, may answer too). */
export function referenceItems(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
}

/** The order the suggest widget shows for an empty filter: sortText, then label. */
export function sortedAsShown(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  const key = (item: vscode.CompletionItem): string => item.sortText ?? labelOf(item);
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The document text after accepting `item`, the way the editor applies it (the replace range, else the word range). */
export function textAfterAccepting(document: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): string {
  const insert =
    item.insertText === undefined
      ? labelOf(item)
      : typeof item.insertText === 'string'
        ? item.insertText
        : item.insertText.value;
  const range =
    item.range === undefined
      ? (document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position))
      : 'replacing' in item.range
        ? item.range.replacing
        : item.range;
  const text = document.getText();
  return text.slice(0, document.offsetAt(range.start)) + insert + text.slice(document.offsetAt(range.end));
}

export async function hoversAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function lineOf(text: string, position: vscode.Position): string {
  return text.split(/\r?\n/)[position.line] ?? '';
}

/**
 * Opens an untitled document holding `sentence`, puts the cursor at its end, runs Insert Citation… and accepts the
 * picker's first entry; returns the document's text afterwards. The quick pick opens once the server has answered,
 * and accepting before that does nothing, so acceptance is retried until the text changes.
 */
export async function insertFirstPickedCitation(language: string, sentence: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument({ language, content: sentence });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.positionAt(sentence.length);
  editor.selection = new vscode.Selection(end, end);
  const picking = vscode.commands.executeCommand('secretome.insertCitation');
  const text = await pollUntil(
    'a citation inserted from the picker',
    async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return document.getText();
    },
    (current) => current !== sentence,
  );
  await picking;
  return text;
}
