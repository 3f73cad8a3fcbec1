/**
 * The writer's own bibliographies, loaded into the language service: the files discovery found
 * (core/sources/bibliographySources.ts) are read through the safe WorkspaceFileSystem, parsed by the core's readers
 * (core/sources) and handed to the service as sources of the one reference model. Shared by the language server and
 * the command-line linter.
 *
 * A file is re-read only when its modification time or size changes, so linting after each pause in typing costs a
 * stat per bibliography. Reading and parsing are asynchronous; a large file is parsed by `parseInBackground` (a
 * worker thread in the server) so that requests on other documents are answered meanwhile.
 */
import type { LanguageService } from './core/languageService';
import type { Reference, ReferenceSource, SourceProblem, SourceReading } from './core/knowledge/model';
import type { SearchIndexData } from './core/knowledge/search';
import { readBibliographySource, type BibliographyFormat } from './core/sources';
import type { DiscoveredBibliography } from './core/sources/bibliographySources';
import type { WorkspaceFileSystem } from './core/workspace';

/** A bibliography read: its references and problems, and, when the reader built it (a worker thread), its search index. */
export interface ParsedBibliography extends SourceReading {
  searchIndex?: SearchIndexData;
  /** Where the reader's time went, for the log. */
  timings?: { parseMs: number; indexMs: number };
  /** The references went through the `link` the parser was given (see BibliographyInput.linked). */
  linked?: boolean;
}

/**
 * Parses a bibliography's text; the server passes one that runs in a worker thread for large files. `link`, when given,
 * may be applied to the references piece by piece as they arrive (then `linked` is set).
 */
export type BibliographyParser = (
  content: string | Uint8Array,
  uri: string,
  format: BibliographyFormat,
  link?: (references: Reference[]) => Reference[],
) => Promise<ParsedBibliography>;

/** UTF-8 bytes as text, a byte-order mark kept (the readers turn it into a space, so offsets stay as in the file). */
export function decodedText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : new TextDecoder('utf-8', { ignoreBOM: true }).decode(content);
}

export const parseInProcess: BibliographyParser = async (content, uri, format) => readBibliographySource(decodedText(content), uri, format);

export interface LoadedBibliographies {
  /** Source ids of the bibliographies loaded, in the order the document uses them. */
  ids: string[];
  /** Why a bibliography could not be used, one line each (for the log). */
  problems: string[];
}

interface CacheEntry {
  stamp: string;
  /** Resolves when the file has been read and handed to the service (or failed, with the reason). */
  loading: Promise<string | undefined>;
  /** Problems inside the file (bad entries, duplicate keys), reported in the file itself. */
  problems: SourceProblem[];
  done: boolean;
}

export class BibliographyLoader {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly service: Pick<LanguageService, 'setBibliography' | 'removeBibliography'> & Partial<Pick<LanguageService, 'linkToReview'>>,
    private readonly parse: BibliographyParser = parseInProcess,
    /** Called when a bibliography finished loading (or failed), so documents that use it are checked again. */
    private readonly onLoaded: (uri: string) => void = () => undefined,
    /** Says what was loaded and how long it took ("loaded 100000 references from refs.bib in 2100 ms …"). */
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Makes sure every bibliography is loaded (or loading) and says which are usable now. With `wait` false, a file
   * still being parsed is left out of `ids` instead of awaited: completion and hover never wait for a library.
   */
  async load(files: WorkspaceFileSystem, bibliographies: readonly DiscoveredBibliography[], wait = true): Promise<LoadedBibliographies> {
    const result: LoadedBibliographies = { ids: [], problems: [] };
    for (const bibliography of bibliographies) {
      const entry = await this.entryFor(files, bibliography);
      if (!entry) {
        result.problems.push(`cannot read bibliography ${nameOf(bibliography.uri)}: it is missing or may not be read`);
        continue;
      }
      if (!entry.done && !wait) continue;
      const failure = await entry.loading;
      if (failure) result.problems.push(failure);
      else result.ids.push(bibliography.uri);
    }
    return result;
  }

  /** The problems found inside a loaded bibliography file, to show as diagnostics in it. */
  problemsIn(uri: string): readonly SourceProblem[] {
    return this.cache.get(uri)?.problems ?? [];
  }

  /** URIs of the bibliographies loaded or loading. */
  get uris(): string[] {
    return [...this.cache.keys()];
  }

  /** Forgets a bibliography (deleted, or no longer used): its references leave the service. */
  forget(uri: string): void {
    if (this.cache.delete(uri)) this.service.removeBibliography(uri);
  }

  private async entryFor(files: WorkspaceFileSystem, { uri, format }: DiscoveredBibliography): Promise<CacheEntry | undefined> {
    let stamp: string;
    try {
      const stat = await files.stat(uri);
      stamp = `${stat.mtime}:${stat.size}`;
    } catch (error) {
      this.forget(uri);
      return undefined;
    }
    const cached = this.cache.get(uri);
    if (cached && cached.stamp === stamp) return cached;
    const entry: CacheEntry = { stamp, problems: [], done: false, loading: Promise.resolve(undefined) };
    entry.loading = this.read(files, uri, format, entry).finally(() => {
      entry.done = true;
      if (this.cache.get(uri) === entry) this.onLoaded(uri);
    });
    this.cache.set(uri, entry);
    return entry;
  }

  private async read(files: WorkspaceFileSystem, uri: string, format: BibliographyFormat, entry: CacheEntry): Promise<string | undefined> {
    const started = this.now();
    // Bytes when the file system gives them: a worker decodes a large library, not the thread answering requests.
    let text: string | Uint8Array;
    try {
      text = files.readBytes ? await files.readBytes(uri) : await files.read(uri);
    } catch (error) {
      return `cannot read bibliography ${nameOf(uri)}: ${(error as Error).message}`;
    }
    const read = this.now();
    let reading: ParsedBibliography;
    try {
      const service = this.service;
      reading = await this.parse(text, uri, format, service.linkToReview && ((references) => service.linkToReview!(references)));
    } catch (error) {
      return `cannot parse bibliography ${nameOf(uri)}: ${(error as Error).message}`;
    }
    // A newer read of the same file may have started meanwhile; only the newest reaches the service.
    if (this.cache.get(uri) !== entry) return undefined;
    entry.problems = reading.problems;
    const firstError = reading.problems.find((problem) => problem.severity === 'error');
    if (reading.references.length === 0 && firstError) {
      this.service.removeBibliography(uri);
      return `cannot parse bibliography ${nameOf(uri)}: line ${firstError.location.line + 1}: ${firstError.message}`;
    }
    const source: ReferenceSource = reading.references[0]?.source ?? { kind: 'bibliography', id: uri, label: nameOf(uri) };
    const parsed = this.now();
    this.service.setBibliography({ source, references: reading.references, searchIndex: reading.searchIndex, linked: reading.linked });
    const done = this.now();
    const where = reading.timings
      ? `parsed in a worker in ${reading.timings.parseMs.toFixed(0)} ms, indexed there in ${reading.timings.indexMs.toFixed(0)} ms`
      : 'parsed in process';
    this.log(
      `loaded ${reading.references.length} references from ${nameOf(uri)} in ${(done - started).toFixed(0)} ms ` +
        `(read ${(read - started).toFixed(0)} ms, ${where}, ${(parsed - read).toFixed(0)} ms until received; linked and keyed in ${(done - parsed).toFixed(0)} ms)`,
    );
    return undefined;
  }
}

/** The file name of a URI, for messages: "refs.bib". */
export function nameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
