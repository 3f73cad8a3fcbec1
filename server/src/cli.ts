/**
 * secretome-lint: the claim linter on the command line, on the same core as the editor.
 *
 *   secretome-lint [--format text|json|sarif] [--disable CODE]... [--max-diagnostics N] [--bib FILE]... FILE...
 *
 * Citation keys are known when the review defines them, when a bibliography given with --bib defines them, or when a
 * bibliography the manuscript uses does (LaTeX \bibliography{…} or \addbibresource{…}, also in the root file that
 * \input's a chapter; Markdown front matter `bibliography:`, Manubot's metadata.yaml, Quarto's _quarto.yml), found by
 * core/sources/bibliographySources.ts. Files are read only inside the current folder and the manuscripts' folders
 * (and --bib files), never pipes or devices: a name that leads elsewhere is a note at the command, and is not read.
 *
 * Prints `file:line:col severity code message` per diagnostic (or JSON, or SARIF 2.1.0). Exit code 0 when no
 * errors were found, 1 when some diagnostic is an error, 2 on a usage error or a file that could not be read
 * (the other files are still linted).
 */
import * as path from 'path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { BibliographyLoader } from './bibliography';
import { latexRootOf, ProjectFiles } from './project';
import { findKeyDefinitions } from './core/manuscript/definitions';
import { DiscoveryCache, discoverBibliographies } from './core/sources/bibliographySources';
import { formatOfBibliography } from './core/sources/discovery';
import { FileAccessError, type WorkspaceFileSystem } from './core/workspace';
import { NodeFileSystem, type FileAccessScope } from './workspace/nodeFileSystem';
import { languageOfFile } from './workspaceFiles';
import { loadBundledDataset } from './core/bundledDataset';
import { resolveConfig, type Config, type RuleConfig } from './core/config';
import type { Dataset } from './core/dataset';
import { createLanguageService } from './core/languageService';
import { rules } from './core/rules';
import { ruleSettings } from './core/features/diagnostics';

export interface CliIo {
  /** The folder relative paths start from (process.cwd()). */
  cwd: string;
  /** The file system allowed to read `scope`: the safe NodeFileSystem, or an in-memory one in tests. */
  fileSystem(scope: FileAccessScope): WorkspaceFileSystem;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface FileReport {
  file: string;
  language: string;
  diagnostics: Diagnostic[];
}

type Format = 'text' | 'json' | 'sarif';

const USAGE = `Usage: secretome-lint [options] FILE...

Checks manuscripts about secretome therapy against the review's evidence.

Options:
  --format text|json|sarif  Output format (default: text)
  --disable CODE            Turn a rule off (repeatable): ${rules.map((rule) => rule.code).join(', ')}
  --max-diagnostics N       At most N diagnostics per file (default: 200)
  --bib FILE                A BibTeX file whose keys count as defined (repeatable);
                            bibliographies the manuscript names are read too
  -h, --help                Show this help
Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

/** Runs the linter; returns the exit code. `dataset` is injectable so tests can run in-process. */
export async function runCli(args: readonly string[], io: CliIo, dataset?: Dataset): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`secretome-lint: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const service = createLanguageService({ dataset: dataset ?? loadBundledDataset() });
  const reports: FileReport[] = [];
  const failures: { file: string; message: string }[] = [];
  const absolute = (file: string) => path.resolve(io.cwd, file);
  // What the user named may be read: the manuscripts and their folders, the --bib files, and the current folder.
  const files = io.fileSystem({
    roots: [io.cwd, ...parsed.files.map((file) => path.dirname(absolute(file)))],
    named: parsed.bibliographies.map(absolute),
    rootsName: "the current folder and the manuscripts' folders",
    outsideHint: ' (or given with --bib)',
  });
  const cache = new DiscoveryCache();
  const bibliographies = new BibliographyLoader(service);
  const given = await bibliographies.load(
    files,
    parsed.bibliographies.map((bib) => ({ uri: URI.file(absolute(bib)).toString(), namedBy: 'setting' as const, format: formatOfBibliography(bib) })),
  );
  for (const problem of given.problems) failures.push({ file: '--bib', message: problem });
  const manuscripts: { file: string; uri: string; text: string }[] = [];
  const reportedProjectProblems = new Set<string>();
  for (const file of parsed.files) {
    const uri = URI.file(absolute(file)).toString();
    let text: string;
    try {
      text = await files.read(uri);
    } catch (error) {
      // A FileAccessError names the file and says why ("… does not exist", "… is not a regular file").
      failures.push({ file, message: error instanceof FileAccessError ? error.message : `cannot read ${file}: ${(error as Error).message}` });
      continue;
    }
    if (text.includes('\u0000')) {
      failures.push({ file, message: `${file} looks like a binary file, not a manuscript; skipped` });
      continue;
    }
    manuscripts.push({ file, uri, text });
  }
  // The files named on the command line are read as given; the other files of their projects from disk.
  const named = new Map<string, TextDocument>();
  const projects = new ProjectFiles((uri) => named.get(uri));
  // The files named together are one manuscript: a tag one chapter defines is known in the others.
  const keysOfRun = manuscripts.flatMap(({ file, text }) => (languageOfFile(file) === 'markdown' ? [...findKeyDefinitions(text).keys()] : []));
  for (const { file, uri, text } of manuscripts) named.set(uri, TextDocument.create(uri, languageOfFile(file), 1, text));
  for (const { file, uri, text } of manuscripts) {
    const languageId = languageOfFile(file);
    const document = named.get(uri)!;
    // Its manuscript's files (Manubot chapters, a LaTeX root and its \inputs, a Quarto book): numbering and keys span them.
    const found = await projects.projectFor(document, files, { workspaceFolders: [URI.file(io.cwd).toString()] });
    const discovery = await discoverBibliographies({ uri, text, languageId, files, workspaceFolders: [URI.file(io.cwd).toString()], cache, latexRoot: latexRootOf(found?.project) });
    // A bibliography the manuscript names but that is missing or refused is worth a note, not a failed run: its keys
    // simply show up as unknown citations.
    for (const problem of discovery.problems) {
      const where = problem.at ? `${relativeTo(io.cwd, problem.at.uri)}:${problem.at.line + 1}:${problem.at.character + 1}: ` : '';
      io.stderr(`secretome-lint: note: ${where}${problem.message}\n`);
    }
    const loaded = await bibliographies.load(files, discovery.bibliographies);
    for (const problem of loaded.problems) io.stderr(`secretome-lint: note: ${problem}\n`);
    for (const problem of found?.project.problems ?? []) {
      if (reportedProjectProblems.has(problem.message + problem.uri)) continue;
      reportedProjectProblems.add(problem.message + problem.uri);
      const at = found!.diagnostics.get(problem.uri)?.find((diagnostic) => diagnostic.message === problem.message)?.range.start;
      io.stderr(`secretome-lint: note: ${relativeTo(io.cwd, problem.uri)}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${problem.message}\n`);
    }
    const projectKeys = [...new Set([...(languageId === 'markdown' ? keysOfRun : []), ...(found ? projects.keysDefinedElsewhere(found.project, uri) : [])])];
    const sources = { bibliographyIds: [...new Set([...loaded.ids, ...given.ids])], projectKeys, ...(found ? { project: found.project } : {}) };
    reports.push({ file, language: languageId, diagnostics: service.doValidate(document, { ...parsed.config, sources }) });
  }
  for (const failure of failures) io.stderr(`secretome-lint: ${failure.message}\n`);

  if (parsed.format === 'json') io.stdout(`${JSON.stringify(toJson(reports, failures), null, 2)}\n`);
  else if (parsed.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(reports, failures, parsed.config), null, 2)}\n`);
  else io.stdout(toText(reports));

  if (failures.length > 0) return 2;
  return reports.some((report) => report.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

/** A file: URI as a path from `folder` when it is inside it, else as an absolute path. */
function relativeTo(folder: string, uri: string): string {
  const file = URI.parse(uri).fsPath;
  const relative = path.relative(folder, file);
  return relative && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative) ? relative : file;
}

interface ParsedArgs {
  files: string[];
  bibliographies: string[];
  format: Format;
  config: Config;
  help: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs | { error: string } {
  const files: string[] = [];
  const bibliographies: string[] = [];
  let format: Format = 'text';
  let help = false;
  const ruleOverrides: Record<string, Partial<RuleConfig>> = {};
  let maxDiagnostics: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (name === '-h' || name === '--help') help = true;
    else if (name === '--format') {
      const chosen = value();
      if (chosen !== 'text' && chosen !== 'json' && chosen !== 'sarif') return { error: `unknown format "${chosen ?? ''}" (use text, json or sarif)` };
      format = chosen;
    } else if (name === '--disable') {
      const code = value();
      if (!rules.some((rule) => rule.code === code)) return { error: `unknown rule "${code ?? ''}"` };
      ruleOverrides[code!] = { enabled: false };
    } else if (name === '--max-diagnostics') {
      const number = Number(value());
      if (!Number.isInteger(number) || number < 1) return { error: '--max-diagnostics needs a positive whole number' };
      maxDiagnostics = number;
    } else if (name === '--bib') {
      const file = value();
      if (!file) return { error: '--bib needs a file' };
      bibliographies.push(file);
    } else if (name === '--') files.push(...args.slice(i + 1)), (i = args.length);
    else if (name.startsWith('-') && name !== '-') return { error: `unknown option "${name}"` };
    else files.push(arg);
  }
  if (!help && files.length === 0) return { error: 'no files given' };
  const config = resolveConfig({ lint: { rules: ruleOverrides, ...(maxDiagnostics ? { maxDiagnostics } : {}) } });
  return { files, bibliographies, format, config, help };
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function severityName(diagnostic: Diagnostic): string {
  return SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Warning];
}

function toText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      lines.push(`${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${d.code} ${d.message}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function toJson(reports: FileReport[], failures: { file: string; message: string }[]) {
  return {
    files: reports.map((report) => ({
      file: report.file,
      language: report.language,
      diagnostics: report.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: severityName(d),
        code: d.code,
        message: d.message,
        related: d.relatedInformation?.map((note) => note.message) ?? [],
      })),
    })),
    errors: failures,
  };
}

const SARIF_LEVELS: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/** SARIF 2.1.0: one run, the rules as reportingDescriptors, each diagnostic a result with a physical location. */
export function toSarif(reports: FileReport[], failures: { file: string; message: string }[], config: Config) {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code as string, index]));
  const toLevel = (severity: string) => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secretome-lint',
            rules: rules.map((rule) => ({
              id: rule.code,
              shortDescription: { text: rule.summary },
              defaultConfiguration: { level: toLevel(ruleSettings(config, rule.code).severity), enabled: ruleSettings(config, rule.code).enabled },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((failure) => ({
              level: 'error',
              message: { text: failure.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: toSarifUri(failure.file) } } }],
            })),
          },
        ],
        results: reports.flatMap((report) =>
          report.diagnostics.map((d) => ({
            ruleId: String(d.code),
            ...(ruleIndex.has(String(d.code)) ? { ruleIndex: ruleIndex.get(String(d.code)) } : {}),
            level: SARIF_LEVELS[d.severity ?? DiagnosticSeverity.Warning],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toSarifUri(report.file) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** A relative path as a URI reference with forward slashes, as SARIF viewers expect. */
function toSarifUri(file: string): string {
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    fileSystem: (scope) => new NodeFileSystem(scope),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`secretome-lint: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
