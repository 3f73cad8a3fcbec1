/**
 * Manuscripts on disk: which files the workspace check reads and how each is read. The server's workspace check and
 * the command-line linter share it; the core never touches the file system.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { ManuscriptLanguage } from './core/manuscript/types';

/** Language from the extension: .md/.markdown → markdown, .tex → latex, anything else plain text. */
export function languageOfFile(file: string): ManuscriptLanguage {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  if (extension === '.tex') return 'latex';
  return 'plaintext';
}

const manuscriptExtensions = new Set(['.md', '.markdown', '.tex', '.txt']);
/** Folders that hold tools, builds and dependencies, never manuscripts. */
const skippedFolders = new Set(['node_modules', 'out', 'dist', 'build', '_build', 'target', 'venv', '__pycache__']);
/** A workspace check reads at most this many files, none larger than this: enough for a thesis, never a hang. */
export const maxManuscripts = 2000;
export const maxManuscriptBytes = 5 * 1024 * 1024;

/** The manuscripts below `folder`, in path order: Markdown, LaTeX and text files outside hidden and build folders. */
export async function findManuscripts(folder: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0 && found.length < maxManuscripts) {
    const current = pending.shift()!;
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      // Dirent kinds come from lstat: a symlink is neither a folder nor a file here, so links (which may lead out of
      // the workspace) are not followed, and FIFOs, sockets and devices are skipped, never opened. The read itself
      // goes through the safe NodeFileSystem, which checks again.
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) pending.push(full);
      } else if (entry.isFile() && manuscriptExtensions.has(path.extname(entry.name).toLowerCase())) {
        found.push(full);
        if (found.length >= maxManuscripts) break;
      }
    }
  }
  return found.sort();
}
