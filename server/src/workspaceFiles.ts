/**
 * Manuscripts: which files the workspace check reads and how each is read. The server's workspace check and the
 * command-line linter share it; no file access here (the walk of the disk is workspace/manuscriptsOnDisk.ts), so the
 * browser build uses it too.
 */
import type { ManuscriptLanguage } from './core/manuscript/types';

/** Markdown and its dialects: Quarto and R Markdown are Markdown with code chunks, which the parser leaves out. */
const markdownExtensions = new Set(['.md', '.markdown', '.qmd', '.rmd']);

/** Language from the extension: .md/.markdown/.qmd/.Rmd → markdown, .tex → latex, anything else plain text. */
export function languageOfFile(file: string): ManuscriptLanguage {
  const extension = extensionOf(file);
  if (markdownExtensions.has(extension)) return 'markdown';
  if (extension === '.tex') return 'latex';
  return 'plaintext';
}

const manuscriptExtensions = new Set([...markdownExtensions, '.tex', '.txt']);

/** Whether a file's extension makes it a manuscript the workspace check reads. */
export function isManuscriptFile(file: string): boolean {
  return manuscriptExtensions.has(extensionOf(file));
}

/** ".md" for "a/b/Chapter.MD", "" for "Makefile" or ".gitignore" (as Node's path.extname), on / or \ paths. */
function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Folders that hold tools, builds and dependencies, never manuscripts. */
export const skippedFolders = new Set(['node_modules', 'out', 'dist', 'build', '_build', 'target', 'venv', '__pycache__']);
/** A workspace check reads at most this many files, none larger than this: enough for a thesis, never a hang. */
export const maxManuscripts = 2000;
export const maxManuscriptBytes = 5 * 1024 * 1024;

export interface FoundManuscripts {
  /** In path order. */
  files: string[];
  /** The search stopped at `limit` files: there may be more. */
  capped: boolean;
  /** Manuscripts found past `limit` (counted, not listed); a lower bound when `notListedExact` is false. */
  notListed: number;
  /** False when counting past the limit stopped at its own bound (`maxCountedPastLimit` entries). */
  notListedExact: boolean;
  /** Names with a manuscript's extension that are not regular files (FIFOs, sockets, devices, symlinks): never read. */
  notRegular: string[];
}

/** What a workspace check did, as the server answers `secretome.server.checkWorkspace`. */
export interface WorkspaceCheckSummary {
  /** Manuscripts linted, open ones included. */
  files: number;
  findings: number;
  /** Files found but not read: not regular files (FIFOs, devices, symlinks), unreadable, binary or larger than `maxManuscriptBytes`. */
  skipped: number;
  /** The search stopped at `maxManuscripts` files. */
  capped: boolean;
  /** The most manuscripts one check reads (`maxManuscripts`). */
  limit: number;
  /** Manuscripts found past the limit and not checked; at least this many when `notCheckedExact` is false. */
  notChecked: number;
  notCheckedExact: boolean;
}

/** "1 manuscript", "2 manuscripts". */
export function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/** For the message box and the log: "checked 2 manuscripts: 1 finding. Skipped 1 file (…). Stopped at the limit…" */
export function describeWorkspaceCheck(summary: WorkspaceCheckSummary): string {
  let text = `checked ${counted(summary.files, 'manuscript')}: ${counted(summary.findings, 'finding')}.`;
  if (summary.skipped > 0) {
    text += ` Skipped ${counted(summary.skipped, 'file')} (not a regular file, unreadable, binary or over ${maxManuscriptBytes / 1024 / 1024} MB; see the log).`;
  }
  if (summary.capped) {
    const rest = `${summary.notCheckedExact ? '' : 'at least '}${counted(summary.notChecked, 'more manuscript')}`;
    text += ` Stopped at the limit of ${counted(summary.limit, 'file')}; ${rest} ${summary.notChecked === 1 ? 'was' : 'were'} not checked.`;
  }
  return text;
}
