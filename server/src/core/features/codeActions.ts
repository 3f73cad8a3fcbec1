import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

/** Placeholder until claim linting lands: no quick fixes. */
export function getCodeActions(_context: FeatureContext, _range: Range, _diagnostics: Diagnostic[]): CodeAction[] {
  return [];
}
