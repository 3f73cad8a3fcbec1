/**
 * The language server: capabilities and thin handlers over the core. Each handler looks the document up, returns
 * early if it is gone, and delegates to the LanguageService; errors and cancellation are handled once, in runSafe.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceEdit,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, manuscriptLanguageOf, type LanguageService } from './core/languageService';
import { defaultConfig, type Config } from './core/config';
import type { Dataset } from './core/dataset';
import { configFromSettings } from './settings';
import { BibliographyLoader, nameOf, type BibliographyParser } from './bibliography';
import { UnusedEntryTracker } from './unusedEntries';
import { unusedEntrySettings } from './core/features/unusedEntries';
import { ruleSettings } from './core/features/diagnostics';
import { shadowedEntryDiagnostics } from './duplicateEntries';
import type { SourceProblem } from './core/knowledge/model';
import { latexRootOf, ProjectFiles } from './project';
import { ProjectDiagnostics } from './projectDiagnostics';
import type { RenamePlan } from './core/features/rename';
import { DiscoveryCache, discoverBibliographies, type DiscoveryProblem } from './core/sources/bibliographySources';
import type { WorkspaceFileSystem } from './core/workspace';
import type { FileAccessScope } from './workspace/nodeFileSystem';
import {
  checkWorkspaceCommand,
  referencesToPickRequest,
  statusNotification,
  type CheckWorkspaceResult,
  type PickableReferenceItem,
  type ReferencesToPickParams,
  type StatusParams,
} from './protocol';
import { projectEditCommands, referenceListFormatterFor, renumberCitationsCommand, runProjectEditCommand } from './projectEditCommands';
import { renumberCitationsKind } from './core/features/renumber';
import { reviewReferenceRequest, type ReviewReferenceParams } from './protocol';
import {
  bibliographyEntryReferences,
  bibliographyRenamePlan,
  isBibliographyDocument,
  prepareBibliographyRename,
  renameWorkspaceEdit,
  uneditableDefinition,
} from './navigation';
import { counted, describeWorkspaceCheck, languageOfFile, maxManuscriptBytes, maxManuscripts, type FoundManuscripts } from './workspaceFiles';
import { inProcessParseLimit, type ManuscriptParser } from './manuscriptParser';
import { createScheduler } from './scheduling';
import { WorkspaceManuscripts } from './workspaceManuscripts';
import { formatOfBibliography } from './core/sources/discovery';
import { BibliographyRegistration, dynamicBibliographyFeatures } from './bibliographyRegistration';

export interface ServerRuntime {
  /** Loads the review dataset; throws a DatasetError with a readable message if it is malformed. */
  loadDataset(): Dataset;
  /** Milliseconds, for the log's timings. */
  now(): number;
  /**
   * The file system for reading what `scope` allows (main.ts: the safe NodeFileSystem): the bibliographies manuscripts
   * use, and the manuscripts of the workspace check.
   */
  fileSystem(scope: FileAccessScope): WorkspaceFileSystem;
  /**
   * What one manuscript may read: its workspace folders (or its own folder), plus what the bibliographies setting
   * names (main.ts: serverAccessScope, on Node's paths; the browser: the same on URI paths).
   */
  accessScope(workspaceFolders: readonly string[], manuscriptPath: string, bibliographySetting: readonly string[]): FileAccessScope;
  /** The manuscripts (URIs) below a workspace folder (a URI), for the workspace check (main.ts: a walk of the disk). */
  findManuscripts(folderUri: string, limit: number): Promise<FoundManuscripts>;
  /** Whether documents with this URI scheme have files around them the server may read (default: file only). */
  readsScheme?(scheme: string): boolean;
  /** Parses a bibliography's text (main.ts: in a worker thread for large files); in-process when absent. */
  parseBibliography?: BibliographyParser;
  /** Parses long manuscripts off the event loop (main.ts: in a worker thread); in process when absent. */
  manuscriptParser?: ManuscriptParser;
}

/** Problems logged per document at most: a document naming thousands of missing files does not fill the log. */
const maxLoggedProblemsPerDocument = 100;

/** Characters after which the editor should ask for completions without waiting for a word. */
export const completionTriggerCharacters = ['[', ',', '-', '–', '{', '@', ';'];

/** Diagnostics wait this long after the last edit, so typing is never slowed by linting. */
const diagnosticsDelayMs = 200;

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new Map<string, Promise<Config>>();
  const pendingDiagnostics = new Map<string, NodeJS.Timeout>();
  let service: LanguageService | undefined;
  let pullsConfiguration = false;
  let reportsProgress = false;
  /** The workspace folders whose files may be read, as URIs and as paths (for the access scopes). */
  let workspaceFolderUris: URI[] = [];
  let followsWorkspaceFolders = false;
  let workspaceFolders: string[] = [];
  const readsScheme = runtime.readsScheme ?? ((scheme: string) => scheme === 'file');
  const bibliographies = new BibliographyLoader(
    {
      setBibliography: (input) => service?.setBibliography(input),
      removeBibliography: (id) => service?.removeBibliography(id),
      // Bibliographies load after initialize, when the service exists; without it the references stay as read.
      linkToReview: (references) => (service ? service.linkToReview(references) : [...references]),
    },
    runtime.parseBibliography,
    // A library finished loading: its own problems are shown in it, and documents are checked again with its keys.
    (uri) => {
      publishBibliography(uri);
      for (const document of documents.all()) scheduleDiagnostics(document, 0);
    },
    (message) => log(message),
  );
  /** The project of each document: its other files (open ones as in the editor), and which files belong together. */
  const projects = new ProjectFiles((uri) => documents.get(uri));
  /** Problems of the projects (a missing chapter, an \input cycle), shown in the file that names the file. */
  const projectProblems = new ProjectDiagnostics((uri, diagnostics) => {
    const open = documents.get(uri);
    if (open) scheduleDiagnostics(open, 0);
    else void connection.sendDiagnostics({ uri, diagnostics });
  });
  const discoveryCache = new DiscoveryCache();
  /** The workspace's manuscripts that are not open, read from disk for references and rename from a bibliography. */
  const manuscriptsOnDisk = new WorkspaceManuscripts();
  /** The CSL-JSON and CSL-YAML bibliographies, registered with the client so they are synchronised like a .bib. */
  let cslRegistration: BibliographyRegistration | undefined;
  /** Where the client keeps the rules documentation (initializationOptions.rulesDocumentation), for code links. */
  let rulesDocumentation: string | undefined;
  /** Per document: the problems last logged for it, so each is logged once while it lasts, and forgotten on close. */
  const loggedProblems = new Map<string, Set<string>>();
  /**
   * Per document: a number bumped by each edit, close and new analysis, so an analysis in progress sees that its text
   * is out of date and stops between two slices.
   */
  const analysisGenerations = new Map<string, number>();
  /** Requests first; diagnostics and the workspace check in slices between them. */
  const scheduler = createScheduler(() => runtime.now());
  /** After `shutdown`, requests are refused (InvalidRequest) and nothing more is analysed. */
  let shutDown = false;
  /** Per document: the bibliographies it names that were not read, as warnings at the naming command. */
  const bibliographyDiagnostics = new Map<string, Diagnostic[]>();

  const log = (message: string) => connection.console.log(`[secretome] ${message}`);
  /** What each manuscript cites from each bibliography, for unused-entry (off unless the user turns it on). */
  const unusedEntries = new UnusedEntryTracker();

  /** A bibliography's own diagnostics: the problems its reader found, and its entries no manuscript cites. */
  function publishBibliography(uri: string): void {
    const entries = service?.bibliographyEntries(uri) ?? [];
    const unused = service ? unusedEntries.diagnosticsFor(uri, entries) : [];
    const current = service;
    const shadowed = current ? shadowedEntryDiagnostics(uri, entries, unusedEntries.usesOf(uri), (id, key) => current.bibliographyEntry(id, key)) : [];
    void connection.sendDiagnostics({ uri, diagnostics: [...bibliographies.problemsIn(uri).map(sourceProblemDiagnostic), ...shadowed, ...unused] });
  }

  /** Notes what a checked manuscript cites from its bibliographies; those whose unused entries changed are shown again. */
  function noteCitations(document: TextDocument, service: LanguageService, config: Config): void {
    const settings = unusedEntrySettings(config);
    const duplicateKey = ruleSettings(config, 'duplicate-key');
    const project = config.sources.project;
    const changed = unusedEntries.record(project?.id ?? document.uri, {
      label: project?.label ?? nameOf(document.uri),
      bibliographyIds: config.sources.bibliographyIds,
      cited: service.citedKeys(document, config),
      severity: settings.enabled ? settings.severity : undefined,
      documentation: config.lint.rulesDocumentation,
      duplicateKeySeverity: duplicateKey.enabled && config.lint.enabled ? duplicateKey.severity : undefined,
    });
    for (const uri of changed) publishBibliography(uri);
  }

  connection.onInitialize((params): InitializeResult => {
    const started = runtime.now();
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    reportsProgress = params.capabilities.window?.workDoneProgress === true;
    followsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    rulesDocumentation = rulesDocumentationFrom(params.initializationOptions);
    cslRegistration = new BibliographyRegistration(dynamicBibliographyFeatures(params.capabilities), (registration) => connection.client.register(registration), log);
    workspaceFolderUris = folderUris.map((uri) => URI.parse(uri)).filter((uri) => readsScheme(uri.scheme));
    workspaceFolders = workspaceFolderUris.map((uri) => uri.fsPath);
    try {
      const dataset = runtime.loadDataset();
      service = createLanguageService({ dataset });
      log(`loaded ${dataset.references.length} references from the review in ${(runtime.now() - started).toFixed(1)} ms`);
    } catch (error) {
      // A broken dataset must not take the editor down: the server stays up and answers nothing.
      connection.console.error(`[secretome] the review dataset could not be loaded: ${messageOf(error)}`);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, renumberCitationsKind] },
        executeCommandProvider: { commands: [checkWorkspaceCommand, ...projectEditCommands] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        // A folder added to the window later is read (bibliographies, rename targets) like one it opened with.
        ...(followsWorkspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'secretome-writer' },
    };
  });

  connection.onInitialized(() => {
    const status: StatusParams = service
      ? { state: 'ready', message: 'Secretome Writer is ready' }
      : { state: 'error', message: 'The review dataset could not be loaded; see the Secretome Writer output.' };
    void connection.sendNotification(statusNotification, status);
    if (followsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => URI.parse(folder.uri).toString()));
        const added = event.added.map((folder) => URI.parse(folder.uri)).filter((uri) => readsScheme(uri.scheme));
        const kept = workspaceFolderUris.filter((folder) => !removed.has(folder.toString()));
        workspaceFolderUris = [...kept, ...added.filter((uri) => !kept.some((folder) => folder.toString() === uri.toString()))];
        workspaceFolders = workspaceFolderUris.map((uri) => uri.fsPath);
        for (const document of documents.all()) scheduleDiagnostics(document, 0);
      });
    }
  });

  // A bibliography changed on disk: its keys are re-read (by modification time) when the documents are linted again.
  connection.onDidChangeWatchedFiles(() => {
    for (const document of documents.all()) scheduleDiagnostics(document, 0);
  });

  connection.onDidChangeConfiguration(() => {
    configs.clear();
    for (const document of documents.all()) scheduleDiagnostics(document, 0);
  });

  /** The client's settings (or the defaults) and where the rules are documented. */
  function withClientOptions(config: Config): Config {
    return rulesDocumentation ? { ...config, lint: { ...config.lint, rulesDocumentation } } : config;
  }

  function configFor(uri: string): Promise<Config> {
    if (!pullsConfiguration) return Promise.resolve(withClientOptions(defaultConfig));
    let config = configs.get(uri);
    if (!config) {
      config = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'secretome' })
        .then(configFromSettings, () => defaultConfig)
        .then(withClientOptions);
      configs.set(uri, config);
    }
    return config;
  }

  /**
   * The settings plus the entries of the bibliographies the document uses (discovery: the names in it, its LaTeX root,
   * Manubot and Quarto metadata, the secretome.bibliographies setting): they decide whether a cited key is known, and
   * complete and hover like the review's. Only files inside the workspace folders (or named in the setting) are read;
   * a name that is refused or missing becomes one warning at the command that names it, other problems a log line.
   */
  async function documentConfigFor(document: TextDocument, waitForLibraries = true): Promise<Config> {
    const config = await configFor(document.uri);
    const uri = URI.parse(document.uri);
    if (!readsScheme(uri.scheme)) return config;
    const files = runtime.fileSystem(runtime.accessScope(workspaceFolders, uri.fsPath, config.bibliographies));
    // The files of its manuscript, each in its current text: numbering, definitions and keys see all of them, and a
    // LaTeX chapter uses its project root's bibliographies. Requests reuse the files found at the last check; checks
    // find them afresh (a chapter added, an \input removed).
    const reuse = !waitForLibraries;
    const folders = workspaceFolderUris.map((folder) => folder.toString());
    const found = await projects.projectFor(document, files, { workspaceFolders: folders, setting: config.manuscript }, reuse);
    if (!reuse) projectProblems.found(document.uri, found);
    const discovery = await discoverBibliographies({
      uri: document.uri,
      text: document.getText(),
      languageId: document.languageId,
      files,
      workspaceFolders: folders,
      settings: config.bibliographies,
      cache: discoveryCache,
      latexRoot: latexRootOf(found?.project),
    });
    bibliographyDiagnostics.set(document.uri, discovery.problems.filter((problem) => problem.at?.uri === document.uri).map(problemDiagnostic));
    const loaded = await bibliographies.load(files, discovery.bibliographies, waitForLibraries);
    cslRegistration?.update(bibliographies.uris);
    const logged = [...discovery.problems.filter((problem) => problem.at?.uri !== document.uri).map((problem) => problem.message), ...loaded.problems];
    logProblemsOf(document.uri, logged);
    const projectKeys = found ? projects.keysDefinedElsewhere(found.project, document.uri) : [];
    return { ...config, sources: { bibliographyIds: loaded.ids, projectKeys, ...(found ? { project: found.project } : {}) } };
  }

  /**
   * The document's problems as they are now replace those it had: a problem is logged when it appears, and typing a
   * name inside `\bibliography{…}` keeps one set per document instead of one warning per keystroke forever.
   */
  function logProblemsOf(uri: string, problems: readonly string[]): void {
    const previous = loggedProblems.get(uri);
    const current = new Set(problems.slice(0, maxLoggedProblemsPerDocument));
    for (const problem of current) if (!previous?.has(problem)) connection.console.warn(`[secretome] ${problem}`);
    if (current.size > 0) loggedProblems.set(uri, current);
    else loggedProblems.delete(uri);
  }

  /** Requests after `shutdown` are an error the specification names (InvalidRequest), never a silent null. */
  function refuseAfterShutdown(): void {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
  }

  function throwIfCancelled(token: CancellationToken | undefined): void {
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
  }

  /**
   * Makes sure a long document's current text is parsed, in the worker thread, so the caller then finds the parse
   * cached instead of holding the event loop for seconds; short ones are left to the in-process parse. False if the
   * document is no longer wanted (closed, or `wanted` says so); a cancelled request stops waiting.
   */
  async function parseOffThread(document: TextDocument, wanted: () => boolean, token?: CancellationToken): Promise<boolean> {
    const parser = runtime.manuscriptParser;
    for (;;) {
      if (!wanted()) return false;
      if (!service || !parser || service.hasParse(document) || token?.isCancellationRequested) return true;
      const text = document.getText();
      if (text.length < inProcessParseLimit) return true;
      let manuscript;
      const started = runtime.now();
      const size = `${(text.length / 2 ** 20).toFixed(1)} MB`;
      log(`parsing ${document.uri} (${size}) in the background`);
      try {
        manuscript = await parser.parse(document.uri, text, manuscriptLanguageOf(document.languageId));
      } catch (error) {
        connection.console.error(`[secretome] parsing ${document.uri} in the background failed: ${messageOf(error)}`);
        return wanted();
      }
      // Undefined, or a text that changed meanwhile: the loop asks again for the document as it is now.
      if (manuscript && wanted() && document.getText() === text) {
        service.adoptParse(document, manuscript);
        log(`parsed ${document.uri} (${size}) in the background in ${(runtime.now() - started).toFixed(0)} ms`);
        // A parse too large for the cache is not kept: asking the worker again would never end.
        if (!service.hasParse(document)) return true;
      }
    }
  }

  /** Runs a handler with the document and its config, turning any failure into the fallback and a log line. */
  async function runSafe<T>(
    uri: string,
    fallback: T,
    token: CancellationToken | undefined,
    what: string,
    handler: (document: TextDocument, service: LanguageService, config: Config) => T,
    /** Diagnostics wait for a bibliography being loaded; requests answer at once with the libraries already loaded. */
    waitForLibraries = false,
  ): Promise<T> {
    refuseAfterShutdown();
    const document = documents.get(uri);
    if (!document || !service) return fallback;
    const current = service;
    return scheduler.foreground(() => answerRequest(document, current, fallback, token, what, handler, waitForLibraries));
  }

  /** Waits for the document's config and parse, then answers; cancellation and shutdown are errors, not fallbacks. */
  async function answerRequest<T>(
    document: TextDocument,
    service: LanguageService,
    fallback: T,
    token: CancellationToken | undefined,
    what: string,
    handler: (document: TextDocument, service: LanguageService, config: Config) => T,
    waitForLibraries: boolean,
  ): Promise<T> {
    const uri = document.uri;
    try {
      const config = await documentConfigFor(document, waitForLibraries);
      throwIfCancelled(token);
      // A long document's parse is waited for (made in the worker), not made here while every other request waits.
      if (!(await parseOffThread(document, () => documents.get(uri) === document, token))) return fallback;
      throwIfCancelled(token);
      return handler(document, service, config);
    } catch (error) {
      // Cancellation and shutdown are answers the client is owed as errors; anything else is logged and falls back.
      if (error instanceof ResponseError) throw error;
      connection.console.error(`[secretome] ${what} failed for ${uri}: ${messageOf(error)}`);
      return fallback;
    }
  }

  connection.onCompletion((params, token) =>
    runSafe(params.textDocument.uri, null, token, 'completion', (document, service, config) =>
      isBibliographyDocument(document) ? null : service.doComplete(document, params.position, config),
    ),
  );

  connection.onHover((params, token) =>
    runSafe(
      params.textDocument.uri,
      null,
      token,
      'hover',
      (document, service, config) => (config.hover.enabled && !isBibliographyDocument(document) ? service.doHover(document, params.position, config) : null),
    ),
  );

  connection.onCodeAction((params, token) =>
    runSafe(
      params.textDocument.uri,
      [],
      token,
      'code actions',
      (document, service, config) =>
        isBibliographyDocument(document)
          ? []
          : [...service.getCodeActions(document, params.range, params.context.diagnostics, config), ...service.getSourceActions(document, config, params.context.only)],
    ),
  );

  connection.onDefinition((params, token) =>
    runSafe(params.textDocument.uri, null, token, 'definition', (document, service, config) => service.findDefinition(document, params.position, config)),
  );

  /**
   * Every manuscript of the workspace: the open ones in their current text, then the others read from disk one at a
   * time (as the workspace check finds them); each of those is forgotten once the caller has moved on from it. With
   * `mentioning`, a closed file whose text does not hold that key (in any case) is passed over unparsed: it cannot
   * cite it, and finding which bibliographies it uses is the costly part.
   */
  async function* workspaceManuscripts(mentioning?: string): AsyncGenerator<TextDocument> {
    yield* documents.all().filter((candidate) => !isBibliographyDocument(candidate));
    const closed = manuscriptsOnDisk.closed({
      folders: workspaceFolderUris.map((folder) => folder.toString()),
      find: (folder, limit) => runtime.findManuscripts(folder, limit),
      files: runtime.fileSystem({ roots: workspaceFolders, maxBytes: maxManuscriptBytes }),
      isOpen: (uri) => documents.get(uri) !== undefined,
      log,
    });
    const needle = mentioning?.toLowerCase();
    for await (const document of closed) {
      if (needle && !document.getText().toLowerCase().includes(needle)) continue;
      try {
        yield document;
      } finally {
        if (!documents.get(document.uri)) {
          bibliographyDiagnostics.delete(document.uri);
          loggedProblems.delete(document.uri);
          service?.forget(document.uri);
        }
      }
    }
  }

  /**
   * A bibliography opened before any manuscript that uses it: read it now (inside the workspace folders only), so its
   * entries are known and their citations can be looked for.
   */
  async function loadOpenBibliography(document: TextDocument): Promise<void> {
    if (!service || service.bibliographyIds.includes(document.uri) || !readsScheme(URI.parse(document.uri).scheme)) return;
    const files = runtime.fileSystem({ roots: workspaceFolders });
    const loaded = await bibliographies.load(files, [{ uri: document.uri, namedBy: 'convention', format: formatOfBibliography(document.uri) }], true);
    for (const problem of loaded.problems) log(problem);
  }

  // On a .bib file: the citations of the entry under the cursor in the workspace's manuscripts that use it.
  connection.onReferences(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    const include = params.context.includeDeclaration;
    if (document && service && isBibliographyDocument(document)) {
      await loadOpenBibliography(document);
      const key = service.bibliographyEntryAt(document.uri, params.position)?.key;
      return bibliographyEntryReferences(document, params.position, include, service, workspaceManuscripts(key), (manuscript) => documentConfigFor(manuscript, false)).catch(
        (error: unknown) => (connection.console.error(`[secretome] references failed for ${document.uri}: ${messageOf(error)}`), []),
      );
    }
    return runSafe(params.textDocument.uri, [], token, 'references', (document, service, config) => service.findReferences(document, params.position, config, include));
  });

  connection.onPrepareRename(async (params, token) => {
    const bibliography = documents.get(params.textDocument.uri);
    if (bibliography && service && isBibliographyDocument(bibliography)) {
      await loadOpenBibliography(bibliography);
      const prepared = prepareBibliographyRename(bibliography, params.position, service);
      if ('refused' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.refused);
      return prepared;
    }
    const prepared = await runSafe(params.textDocument.uri, null, token, 'prepare rename', (document, service, config) =>
      service.prepareRename(document, params.position, config),
    );
    if (!prepared) return null;
    const refused = 'refused' in prepared ? prepared.refused : uneditableDefinition(prepared.definition, workspaceFolderUris);
    if (refused) throw new ResponseError(ErrorCodes.InvalidRequest, refused);
    return { range: (prepared as { range: Range }).range, placeholder: (prepared as { placeholder: string }).placeholder };
  });

  connection.onRenameRequest(async (params, token) => {
    const bibliography = documents.get(params.textDocument.uri);
    if (bibliography && isBibliographyDocument(bibliography)) await loadOpenBibliography(bibliography);
    const planned =
      bibliography && service && isBibliographyDocument(bibliography)
        ? await bibliographyRenamePlan(bibliography, params.position, params.newName, service, workspaceManuscripts(service.bibliographyEntryAt(bibliography.uri, params.position)?.key), (manuscript) => documentConfigFor(manuscript, false))
        : await runSafe(params.textDocument.uri, null, token, 'rename', (document, service, config) => service.planRename(document, params.position, params.newName, config));
    if (!planned) return null;
    const refused = 'refused' in planned ? planned.refused : uneditableDefinition(planned.definition, workspaceFolderUris);
    if (refused) throw new ResponseError(ErrorCodes.InvalidRequest, refused);
    const plan = planned as RenamePlan;
    const edit = await renameWorkspaceEdit(plan, {
      open: (uri) => documents.get(uri),
      read: (uri) => runtime.fileSystem({ roots: workspaceFolders }).read(uri),
    });
    if ('refused' in edit) throw new ResponseError(ErrorCodes.InvalidRequest, edit.refused);
    return edit;
  });

  connection.onDocumentLinks(async (params, token) => {
    const links = await runSafe(params.textDocument.uri, undefined, token, 'document links', (document, service, config) => {
      const uri = URI.parse(document.uri);
      if (!readsScheme(uri.scheme) || isBibliographyDocument(document)) return undefined;
      const files = runtime.fileSystem(runtime.accessScope(workspaceFolders, uri.fsPath, config.bibliographies));
      return service.documentLinks(document, config, files).catch((error: unknown) => {
        connection.console.error(`[secretome] document links failed for ${document.uri}: ${messageOf(error)}`);
        return [];
      });
    });
    return links ?? [];
  });

  connection.onDocumentSymbol((params, token) =>
    runSafe(params.textDocument.uri, [], token, 'document symbols', (document, service) => (isBibliographyDocument(document) ? [] : service.documentSymbols(document))),
  );

  // The text of a `secretome-review:` view, which go-to-definition opens for the review's references.
  connection.onRequest(reviewReferenceRequest, (params: ReviewReferenceParams) => service?.reviewReferenceView(params.uri) ?? null);

  connection.onRequest(referencesToPickRequest, (params: ReferencesToPickParams, token) =>
    runSafe<PickableReferenceItem[]>(params.textDocument.uri, [], token, 'citation picker', (document, service, config) =>
      service.referencesToPick(document, params.position, config),
    ),
  );

  connection.onShutdown(() => {
    shutDown = true;
    for (const timer of pendingDiagnostics.values()) clearTimeout(timer);
    pendingDiagnostics.clear();
    runtime.manuscriptParser?.dispose();
  });

  connection.onExecuteCommand(async (params) => {
    refuseAfterShutdown();
    if (projectEditCommands.includes(params.command)) return runProjectEditCommand(params.command, params.arguments, projectEditHost);
    if (params.command !== checkWorkspaceCommand) return undefined;
    try {
      return await checkWorkspace();
    } catch (error) {
      connection.console.error(`[secretome] the workspace check failed: ${messageOf(error)}`);
      return undefined;
    }
  });

  /** The workspace folder (as a URI) holding the document: a relative `secretome.citationStyle` path is read from it. */
  function workspaceFolderOf(uri: string): string | undefined {
    const document = URI.parse(uri);
    const inside = (folder: URI) =>
      folder.scheme === document.scheme && folder.authority === document.authority && `${document.path}`.startsWith(folder.path.endsWith('/') ? folder.path : `${folder.path}/`);
    return workspaceFolderUris.find(inside)?.toString();
  }


  const projectEditHost = {
    async compute(command: string, uri: string) {
      if (command === renumberCitationsCommand) {
        return runSafe(uri, undefined, undefined, command, (document, service, config) => service.renumberCitations(document, config));
      }
      const style = await referenceListFormatterFor(await configFor(uri), workspaceFolderOf(uri), runtime.fileSystem(runtime.accessScope(workspaceFolders, URI.parse(uri).fsPath, [])));
      if (style.problem) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Secretome Writer: ${style.problem}` });
      return runSafe(uri, undefined, undefined, command, (document, service, config) => service.writeReferenceList(document, config, style.formatter));
    },
    openVersion: (uri: string) => documents.get(uri)?.version,
    applyEdit: (label: string, edit: WorkspaceEdit) => connection.workspace.applyEdit({ label, edit }),
    showMessage: (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message }),
  };

  /**
   * Lints every manuscript in the workspace folders, open ones in their current text, with progress the user can
   * cancel, and publishes their diagnostics so the Problems panel lists the whole project.
   */
  async function checkWorkspace(): Promise<CheckWorkspaceResult> {
    const result: CheckWorkspaceResult = { files: 0, findings: 0, skipped: 0, capped: false, limit: maxManuscripts, notChecked: 0, notCheckedExact: true };
    if (!service) return result;
    const files: string[] = [];
    for (const folder of workspaceFolderUris) {
      const found = await runtime.findManuscripts(folder.toString(), maxManuscripts - files.length);
      files.push(...found.files);
      result.capped ||= found.capped;
      result.notChecked += found.notListed;
      result.notCheckedExact &&= found.notListedExact;
      // FIFOs, sockets, devices and links are never opened (a FIFO would never finish); they are counted and named.
      result.skipped += found.notRegular.length;
      for (const file of found.notRegular) log(`skipped ${file}: not a regular file`);
    }
    const progress = reportsProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Secretome: checking manuscripts', 0, counted(files.length, 'file'), true);
    const stopped = () => shutDown || progress?.token.isCancellationRequested === true;
    for (const [index, uri] of files.entries()) {
      if (stopped()) break;
      const file = URI.parse(uri).fsPath;
      progress?.report(Math.round((index * 100) / files.length), file);
      const open = documents.get(uri);
      const document = open ?? (await documentOnDisk(file, uri));
      if (!document) {
        result.skipped++;
        continue;
      }
      const config = await documentConfigFor(document);
      // Analysed in slices like an open document's diagnostics, so the editor's requests are answered meanwhile.
      const wanted = () => !stopped() && (!open || documents.get(uri) === open);
      const linted = lintsLanguage(document, config) && (await parseOffThread(document, wanted)) ? await scheduler.runInSlices(service.validateSteps(document, config), () => !wanted()) : undefined;
      if (linted) noteCitations(document, service, config);
      const diagnostics = linted && [...linted, ...(bibliographyDiagnostics.get(uri) ?? []), ...projectProblems.of(uri)];
      // An open document keeps its parse and its bibliography warnings for the next edit; one read from disk is forgotten.
      if (!open) {
        bibliographyDiagnostics.delete(uri);
        loggedProblems.delete(uri);
        service.forget(uri);
      }
      if (!diagnostics) continue;
      result.files++;
      result.findings += diagnostics.length;
      void connection.sendDiagnostics(open ? { uri, version: open.version, diagnostics } : { uri, diagnostics });
    }
    progress?.done();
    const summary = describeWorkspaceCheck(result);
    log(`workspace: ${summary}`);
    // A notification, not a request: the user is told, and no answer is awaited from clients that have no message box.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Secretome Writer ${summary}` });
    return result;
  }

  /** A manuscript that is not open, read from disk; undefined (and a log line) if it cannot be read or is not text. */
  async function documentOnDisk(file: string, uri: string): Promise<TextDocument | undefined> {
    let text: string;
    try {
      text = await runtime.fileSystem({ roots: workspaceFolders, maxBytes: maxManuscriptBytes }).read(uri);
    } catch (error) {
      connection.console.warn(`[secretome] cannot read ${file}: ${messageOf(error)}`);
      return undefined;
    }
    if (text.length > maxManuscriptBytes || text.includes('\u0000')) {
      log(`skipped ${file}: ${text.length > maxManuscriptBytes ? 'larger than the limit' : 'binary'}`);
      return undefined;
    }
    return TextDocument.create(uri, languageOfFile(file), 0, text);
  }

  function lintsLanguage(document: TextDocument, config: Config): boolean {
    if (isBibliographyDocument(document)) return false;
    return config.lint.enabled && config.lint.languages.includes(manuscriptLanguageOf(document.languageId));
  }

  function scheduleDiagnostics(document: TextDocument, delay = diagnosticsDelayMs): void {
    clearTimeout(pendingDiagnostics.get(document.uri));
    pendingDiagnostics.set(
      document.uri,
      setTimeout(() => {
        pendingDiagnostics.delete(document.uri);
        void publishDiagnostics(document.uri);
      }, delay),
    );
  }

  /** A new analysis of the document starts: any older one still running sees it is out of date and stops. */
  function nextAnalysisGeneration(uri: string): number {
    const generation = (analysisGenerations.get(uri) ?? 0) + 1;
    analysisGenerations.set(uri, generation);
    return generation;
  }

  /**
   * Lints the document in time slices (scheduling.ts), a long one parsed in the worker first, so requests on other
   * documents are answered while it runs; an edit or close meanwhile abandons it, and the edit's own run publishes.
   */
  async function publishDiagnostics(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || !service || shutDown) return;
    // A bibliography's own diagnostics (its problems, its unused entries), never prose findings.
    if (isBibliographyDocument(document)) {
      publishBibliography(uri);
      return;
    }
    const generation = nextAnalysisGeneration(uri);
    const current = () => !shutDown && analysisGenerations.get(uri) === generation && documents.get(uri) === document;
    try {
      const config = await documentConfigFor(document, true);
      if (!current()) return;
      let diagnostics: Diagnostic[] | undefined = [];
      if (lintsLanguage(document, config)) {
        if (!(await parseOffThread(document, current))) return;
        noteCitations(document, service, config);
        diagnostics = await scheduler.runInSlices(service.validateSteps(document, config), () => !current());
      }
      // The document may have changed or closed meanwhile; its newer run publishes, or its diagnostics were cleared.
      if (!diagnostics || !current()) return;
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [...diagnostics, ...(bibliographyDiagnostics.get(uri) ?? []), ...projectProblems.of(uri)] });
    } catch (error) {
      connection.console.error(`[secretome] diagnostics failed for ${uri}: ${messageOf(error)}`);
    }
  }

  // A document just opened is checked at once: nobody is typing in it yet, and its check starts reading the
  // bibliographies it names (200 ms of the time until a small library is loaded went to the typing delay).
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => justOpened.add(event.document.uri));
  // Fires on open too (after onDidOpen). The other open files of its project are checked again too: a definition may
  // have moved, the numbering changed.
  documents.onDidChangeContent((event) => {
    nextAnalysisGeneration(event.document.uri);
    scheduleDiagnostics(event.document, justOpened.delete(event.document.uri) ? 0 : diagnosticsDelayMs);
    for (const sibling of projects.siblingsOf(event.document.uri)) {
      const open = documents.get(sibling);
      if (open) scheduleDiagnostics(open);
    }
  });
  documents.onDidClose((event) => {
    analysisGenerations.delete(event.document.uri);
    loggedProblems.delete(event.document.uri);
    clearTimeout(pendingDiagnostics.get(event.document.uri));
    pendingDiagnostics.delete(event.document.uri);
    configs.delete(event.document.uri);
    bibliographyDiagnostics.delete(event.document.uri);
    service?.forget(event.document.uri);
    projects.forget(event.document.uri);
    // A closed bibliography keeps its own diagnostics (its problems, its unused entries); a manuscript's are cleared.
    if (isBibliographyDocument(event.document)) publishBibliography(event.document.uri);
    else void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // Its project now reads it from disk again.
    for (const sibling of projects.siblingsOf(event.document.uri)) {
      const open = documents.get(sibling);
      if (open) scheduleDiagnostics(open);
    }
    // The last document closed: what the memo caches hold serves no one until the next is opened.
    if (documents.keys().length === 0) service?.releaseCaches();
  });

  documents.listen(connection);
}

/** A problem inside a bibliography file (a bad entry, a duplicate key), shown at its place in that file. */
function sourceProblemDiagnostic(problem: SourceProblem): Diagnostic {
  const at = { line: problem.location.line, character: problem.location.character };
  const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information };
  return { range: { start: at, end: at }, severity: severities[problem.severity], code: problem.code, source: 'secretome', message: problem.message };
}

/** A bibliography that was named but not read, as a warning on the name in the command that names it. */
function problemDiagnostic(problem: DiscoveryProblem): Diagnostic {
  const at = problem.at!;
  return {
    range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + at.length } },
    severity: DiagnosticSeverity.Warning,
    code: 'unread-bibliography',
    source: 'secretome',
    message: problem.message,
  };
}

/** A URI the client gave for the rules documentation; anything else is ignored (diagnostics then carry no link). */
function rulesDocumentationFrom(options: unknown): string | undefined {
  const value = options && typeof options === 'object' ? (options as Record<string, unknown>).rulesDocumentation : undefined;
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
