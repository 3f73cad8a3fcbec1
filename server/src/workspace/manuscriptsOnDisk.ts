/**
 * The workspace check's walk of the disk (Node): the manuscripts below a folder, never following links.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { isManuscriptFile, maxManuscripts, skippedFolders, type FoundManuscripts } from '../workspaceFiles';

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
