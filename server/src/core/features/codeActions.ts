/**
 * Quick fixes for secretome diagnostics: the fixes a rule attached to its finding (insert the supporting citation,
 * write the canonical term, swap a reversed range, soften an overstatement), and "disable this rule for this line".
 * Every edit is checked against the text it expects to replace, so a fix computed for an older text never damages it.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { citationStyleOf, ruleFor } from '../rules';
import { singleReferenceFixes } from '../rules/unsupportedClaim';
import type { Fix, FindingData } from '../rules/types';
import type { FeatureContext } from './context';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from './diagnostics';
import { renumberAction } from './renumber';

export function getCodeActions(context: FeatureContext, _range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  let fresh: Diagnostic[] | undefined;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !ruleFor(diagnostic.code)) continue;
    let data = asFindingData(diagnostic.data);
    if (!data) {
      // Some clients drop `data`; the same finding, linted again, carries it.
      fresh ??= computeDiagnostics(context);
      data = asFindingData(fresh.find((candidate) => candidate.code === diagnostic.code && sameRange(candidate.range, diagnostic.range))?.data);
    }
    const fixes = [...(data?.fixes ?? [])];
    if (data && diagnostic.code === 'unsupported-claim') {
      fixes.push(...singleReferenceFixes(context.references, citationStyleOf(context.manuscript), data.written, fixes));
    }
    for (const fix of fixes) {
      const edits = checkedEdits(context.document, diagnostic.range, data!, fix);
      if (!edits) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred ?? false,
        edit: { changes: { [context.document.uri]: edits } },
      });
    }
    if (diagnostic.code === 'citation-order') {
      // The fix is the whole project's renumbering, computed when chosen: a command, not an edit.
      actions.push({ ...renumberAction(context.document.uri, CodeActionKind.QuickFix), diagnostics: [diagnostic], isPreferred: true });
    }
    actions.push(disableForLine(context, diagnostic, diagnostic.code));
  }
  return actions;
}

function asFindingData(value: unknown): FindingData | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const data = value as Partial<FindingData>;
  return typeof data.written === 'string' ? (data as FindingData) : undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The fix's edits as absolute TextEdits, or undefined when the text is no longer what the finding saw. */
function checkedEdits(document: TextDocument, range: Range, data: FindingData, fix: Fix): TextEdit[] | undefined {
  const text = document.getText();
  const base = document.offsetAt(range.start);
  if (text.slice(base, document.offsetAt(range.end)) !== data.written) return undefined;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const start = base + edit.from;
    const end = base + edit.to;
    if (start < 0 || end > text.length || start > end || text.slice(start, end) !== edit.expect) return undefined;
    edits.push({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: edit.newText });
  }
  return edits;
}

/** Inserts (or extends) a disable-next-line comment above the diagnostic's first line, indented like that line. */
function disableForLine(context: FeatureContext, diagnostic: Diagnostic, code: string): CodeAction {
  const { document, manuscript } = context;
  const line = diagnostic.range.start.line;
  const lineText = lineAt(document, line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const previous = line > 0 ? lineAt(document, line - 1) : '';
  let edit: TextEdit;
  const existing = /secretome-disable-next-line\b([^\n]*?)(\s*-->)?\s*$/.exec(previous);
  if (existing && existing[1].trim() !== '') {
    const at = existing.index + 'secretome-disable-next-line'.length + existing[1].trimEnd().length;
    edit = { range: { start: { line: line - 1, character: at }, end: { line: line - 1, character: at } }, newText: ` ${code}` };
  } else {
    const comment =
      manuscript.language === 'latex' ? `% secretome-disable-next-line ${code}` : `<!-- secretome-disable-next-line ${code} -->`;
    edit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}\n` };
  }
  return {
    title: `Disable ${code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [edit] } },
  };
}

function lineAt(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
