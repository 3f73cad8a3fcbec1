/**
 * CSL-JSON and CSL-YAML bibliographies in the client's document selector, for find references and rename from an
 * entry. The client's static selector cannot name them (any .json or .yaml may or may not be a bibliography, and
 * arbitrary JSON must never reach the server as prose), so the server registers, dynamically, exactly the files that
 * manuscripts name as bibliographies: their synchronisation (open, change, close), references and rename. They are
 * then served like a .bib: never linted, hover and completion empty. Re-registered whenever that set changes.
 */
import {
  BulkRegistration,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ReferencesRequest,
  RenameRequest,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Disposable,
  type DocumentFilter,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { formatOfBibliography } from './core/sources/discovery';

/** What the client can register dynamically; nothing is registered unless it can synchronise documents that way. */
export interface DynamicBibliographyFeatures {
  synchronization: boolean;
  references: boolean;
  rename: boolean;
}

export function dynamicBibliographyFeatures(capabilities: ClientCapabilities): DynamicBibliographyFeatures {
  const text = capabilities.textDocument;
  return {
    synchronization: text?.synchronization?.dynamicRegistration === true,
    references: text?.references?.dynamicRegistration === true,
    rename: text?.rename?.dynamicRegistration === true,
  };
}

/** The bibliographies among `uris` that are CSL-JSON or CSL-YAML (a .bib is in the client's static selector). */
export function cslBibliographies(uris: Iterable<string>): string[] {
  return [...new Set(uris)].filter((uri) => formatOfBibliography(URI.parse(uri).path) !== 'bibtex').sort();
}

/**
 * One filter per file: its scheme and its path as a glob. Characters a glob reads specially (`*?[]{}`) match as any
 * one character, so a path holding them still matches itself (and at worst a sibling whose name differs there).
 */
export function bibliographyFilters(uris: readonly string[]): DocumentFilter[] {
  return uris.map((uri) => {
    const parsed = URI.parse(uri);
    const path = (parsed.scheme === 'file' ? parsed.fsPath : parsed.path).replace(/\\/g, '/').replace(/[*?[\]{}]/g, '?');
    return { scheme: parsed.scheme, pattern: path };
  });
}

export type Register = (registration: BulkRegistration) => Promise<Disposable>;

export class BibliographyRegistration {
  private registered = '';
  private current: Disposable | undefined;
  /** Registrations are made one after another, in the order the sets were seen. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly features: DynamicBibliographyFeatures,
    private readonly register: Register,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Makes the CSL bibliographies among `uris` the registered set (nothing is sent when it is unchanged). */
  update(uris: Iterable<string>): void {
    if (!this.features.synchronization) return;
    const files = cslBibliographies(uris);
    const key = files.join('\n');
    if (key === this.registered) return;
    this.registered = key;
    this.queue = this.queue.then(async () => {
      try {
        // The new set first, then the old one dropped: a file in both stays open in the server, not closed and reopened.
        const previous = this.current;
        this.current = files.length === 0 ? undefined : await this.register(this.registrationFor(bibliographyFilters(files)));
        previous?.dispose();
      } catch (error) {
        this.log(`the CSL bibliographies could not be registered with the editor: ${(error as Error).message}`);
      }
    });
  }

  /** Resolves when every registration asked for so far has been sent (for tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private registrationFor(documentSelector: DocumentFilter[]): BulkRegistration {
    const registration = BulkRegistration.create();
    registration.add(DidOpenTextDocumentNotification.type, { documentSelector });
    registration.add(DidChangeTextDocumentNotification.type, { documentSelector, syncKind: TextDocumentSyncKind.Incremental });
    registration.add(DidCloseTextDocumentNotification.type, { documentSelector });
    if (this.features.references) registration.add(ReferencesRequest.type, { documentSelector });
    if (this.features.rename) registration.add(RenameRequest.type, { documentSelector, prepareProvider: true });
    return registration;
  }
}
