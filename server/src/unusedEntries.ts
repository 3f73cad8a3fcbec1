/**
 * unused-entry for the server: which manuscripts (projects) use each bibliography and what they cite, so that an entry
 * none of them cites is shown as information in the bibliography file, beside the problems its reader found. Off
 * unless a manuscript using the file turns the rule on (core/features/unusedEntries.ts).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { unusedEntries, unusedEntryCode, type CitedKeys } from './core/features/unusedEntries';
import type { RuleSeverity } from './core/config';
import type { Reference } from './core/knowledge/model';

export interface ProjectUse {
  label: string;
  bibliographyIds: readonly string[];
  cited: CitedKeys;
  /** The rule's settings in the manuscript: undefined when it is off there. */
  severity: RuleSeverity | undefined;
  /** Where the rules are documented (`config.lint.rulesDocumentation`), for the code's link. */
  documentation?: string;
  /** duplicate-key's severity in the manuscript, for its entries shadowed by a file named first; undefined when off. */
  duplicateKeySeverity?: RuleSeverity;
}

const severities: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class UnusedEntryTracker {
  /** By project id (the document's URI when it stands alone). */
  private readonly uses = new Map<string, ProjectUse>();

  /** Records what a checked manuscript cites; returns the bibliographies whose unused entries may have changed. */
  record(projectId: string, use: ProjectUse): string[] {
    const before = this.uses.get(projectId);
    if (before && sameUse(before, use)) return [];
    if (this.uses.size > 500 && !before) this.uses.delete(this.uses.keys().next().value!);
    this.uses.set(projectId, use);
    return [...new Set([...(before?.bibliographyIds ?? []), ...use.bibliographyIds])];
  }

  /** The projects recorded as using the bibliography, with the order they name their bibliographies in. */
  usesOf(bibliographyId: string): ProjectUse[] {
    return [...this.uses.values()].filter((use) => use.bibliographyIds.includes(bibliographyId));
  }

  /** The unused entries of a bibliography as diagnostics at each entry, when a manuscript using it turned the rule on. */
  diagnosticsFor(bibliographyId: string, entries: readonly Reference[]): Diagnostic[] {
    const users = [...this.uses.values()].filter((use) => use.bibliographyIds.includes(bibliographyId));
    const user = users.find((use) => use.severity);
    const severity = user?.severity;
    if (!severity) return [];
    const codeDescription = user.documentation ? { codeDescription: { href: `${user.documentation}#${unusedEntryCode}` } } : {};
    const where = [...new Set(users.map((use) => use.label))].join(' or ');
    return unusedEntries(
      entries,
      users.map((use) => use.cited),
    ).flatMap((entry) => {
      if (!entry.location) return [];
      const at = { line: entry.location.line, character: entry.location.character };
      return [{ range: { start: at, end: at }, severity: severities[severity], code: unusedEntryCode, ...codeDescription, source: 'secretome', message: `${entry.key} is cited nowhere in ${where}` }];
    });
  }
}

function sameUse(a: ProjectUse, b: ProjectUse): boolean {
  return (
    a.label === b.label &&
    a.severity === b.severity &&
    a.documentation === b.documentation &&
    a.duplicateKeySeverity === b.duplicateKeySeverity &&
    a.cited.everything === b.cited.everything &&
    a.bibliographyIds.join('\n') === b.bibliographyIds.join('\n') &&
    a.cited.keys.size === b.cited.keys.size &&
    [...a.cited.keys].every((key) => b.cited.keys.has(key))
  );
}
