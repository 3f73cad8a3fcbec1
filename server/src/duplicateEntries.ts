/**
 * duplicate-key in a bibliography file, for the server: each entry that a manuscript does not use because a file it
 * names first defines the same key as a different paper, as a diagnostic at the entry (core/features/duplicateKeys.ts
 * finds them; the projects and their order come from the manuscripts checked, as for unused-entry).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { shadowedEntries, shadowedEntryMessage } from './core/features/duplicateKeys';
import type { RuleSeverity } from './core/config';
import type { Reference } from './core/knowledge/model';
import type { ProjectUse } from './unusedEntries';

const severities: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function shadowedEntryDiagnostics(
  bibliographyId: string,
  entries: readonly Reference[],
  uses: readonly ProjectUse[],
  lookup: (bibliographyId: string, key: string) => Reference | undefined,
): Diagnostic[] {
  const checking = uses.filter((use) => use.duplicateKeySeverity);
  if (checking.length === 0) return [];
  const severity = checking[0]!.duplicateKeySeverity!;
  const documentation = checking.find((use) => use.documentation)?.documentation;
  const codeDescription = documentation ? { codeDescription: { href: `${documentation}#duplicate-key` } } : {};
  return shadowedEntries(bibliographyId, entries, checking, lookup).flatMap((shadowed) => {
    const location = shadowed.entry.location;
    if (!location) return [];
    const at = { line: location.line, character: location.character };
    return [{ range: { start: at, end: at }, severity: severities[severity], code: 'duplicate-key', ...codeDescription, source: 'secretome', message: shadowedEntryMessage(shadowed) }];
  });
}
