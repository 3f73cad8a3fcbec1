/**
 * The problems of manuscript projects (a missing chapter, an `\input` cycle) as diagnostics of the files that name
 * them. Each project's problems are kept under its id, replaced whenever a document of it is checked, so documents
 * that find different projects never undo each other's findings; a file shows the problems of every project it
 * names a file for. A change in a file other than the one being checked is handed to `changed` (to publish it).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DocumentProject } from './project';

export class ProjectDiagnostics {
  private readonly byProject = new Map<string, Map<string, Diagnostic[]>>();
  /** The project each checked document was last found in. */
  private readonly projectOf = new Map<string, string>();

  constructor(private readonly changed: (uri: string, diagnostics: Diagnostic[]) => void = () => undefined) {}

  /** Records what checking `served` found: its project and that project's problems (none when it stands alone). */
  found(served: string, found: DocumentProject | undefined): void {
    const id = found?.project.id;
    const touched = new Set<string>();
    const previous = this.projectOf.get(served);
    if (previous !== undefined && previous !== id) {
      this.projectOf.delete(served);
      if (![...this.projectOf.values()].includes(previous)) {
        for (const uri of this.byProject.get(previous)?.keys() ?? []) touched.add(uri);
        this.byProject.delete(previous);
      }
    }
    if (found && id !== undefined) {
      this.projectOf.set(served, id);
      const before = this.byProject.get(id) ?? new Map<string, Diagnostic[]>();
      for (const uri of new Set([...before.keys(), ...found.diagnostics.keys()])) {
        if (JSON.stringify(before.get(uri) ?? []) !== JSON.stringify(found.diagnostics.get(uri) ?? [])) touched.add(uri);
      }
      if (found.diagnostics.size > 0) this.byProject.set(id, found.diagnostics);
      else this.byProject.delete(id);
    }
    for (const uri of touched) if (uri !== served) this.changed(uri, this.of(uri));
  }

  /** The project problems shown in `uri`, each once. */
  of(uri: string): Diagnostic[] {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const problems of this.byProject.values()) {
      for (const diagnostic of problems.get(uri) ?? []) {
        const key = JSON.stringify(diagnostic);
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(diagnostic);
      }
    }
    return diagnostics;
  }
}
