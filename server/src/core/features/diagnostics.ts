import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

/** Placeholder until claim linting lands: no diagnostics. */
export function computeDiagnostics(_context: FeatureContext): Diagnostic[] {
  return [];
}
