/**
 * Manuscripts on disk: which files the workspace check reads and how each is read. The server's workspace check and
 * the command-line linter share it; the core never touches the file system.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { ManuscriptLanguage } from './core/manuscript/types';

/** Markdown and its dialects: Quarto and R Markdown are Markdown with code chunks, which the parser leaves out. */
const markdownExtensions = new Set(['.md', '.markdown', '.qmd', '.rmd']);

/** Language from the extension: .md/.markdown/.qmd/.Rmd → markdown, .tex → latex, anything else plain text. */
export function languageOfFile(file: string): ManuscriptLanguage {
  const extension = path.extname(file).toLowerCase();
  if (markdownExtensions.has(extension)) return 'markdown';
  if (extension === '.tex') return 'latex';
  return 'plaintext';
}

const manuscriptExtensions = new Set([...markdownExtensions, '.tex', '.txt']);

/** Whether a file's extension makes it a manuscript the workspace check reads. */
export function isManuscriptFile(file: string): boolean {
  return manuscriptExtensions.has(path.extname(file).toLowerCase());
}
/** Folders that hold tools, builds and dependencies, never manuscripts. */
const skippedFolders = new Set(['node_modules', 'out', 'dist', 'build', '_build', 'target', 'venv', '__pycache__']);
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

/** Past the limit, the walk only counts, and at most this many more entries, so a huge tree never holds it up. */
export const maxCountedPastLimit = 100_000;

/**
 * The manuscripts below `folder`: Markdown (with Quarto and R Markdown), LaTeX and text files outside hidden and build
 * folders, at most `limit` of them.
 */
export async function findManuscripts(folder: string, limit = maxManuscripts): Promise<FoundManuscripts> {
  const found: string[] = [];
  const notRegular: string[] = [];
  const pending = [folder];
  let capped = false;
  let notListed = 0;
  let countedPastLimit = 0;
  while (pending.length > 0 && countedPastLimit < maxCountedPastLimit) {
    const current = pending.shift()!;
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      if (capped && ++countedPastLimit >= maxCountedPastLimit) break;
      const full = path.join(current, entry.name);
      // Dirent kinds come from lstat: a symlink is neither a folder nor a file here, so links (which may lead out of
      // the workspace) are not followed, and FIFOs, sockets and devices are skipped, never opened. The read itself
      // goes through the safe NodeFileSystem, which checks again.
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) pending.push(full);
      } else if (isManuscriptFile(entry.name)) {
        if (!entry.isFile()) {
          if (!capped) notRegular.push(full);
        } else if (found.length >= limit) {
          capped = true;
          notListed++;
        } else found.push(full);
      }
    }
  }
  return { files: found.sort(), capped, notListed, notListedExact: pending.length === 0 && countedPastLimit < maxCountedPastLimit, notRegular };
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
