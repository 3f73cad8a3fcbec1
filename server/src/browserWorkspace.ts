/**
 * The workspace in the browser build: the access scope of a manuscript on URI paths (workspace/accessScope.ts does the
 * same on Node's paths) and the workspace check's walk, listing folders through the client.
 */
import { URI } from 'vscode-uri';
import type { WorkspaceFileSystem } from './core/workspace';
import { normalisedPath } from './workspace/clientFileSystem';
import type { FileAccessScope } from './workspace/nodeFileSystem';
import { isManuscriptFile, skippedFolders, type FoundManuscripts } from './workspaceFiles';

/** The workspace folders (or the manuscript's folder), plus the paths the bibliographies setting names inside them. */
export function browserAccessScope(workspaceFolders: readonly string[], manuscriptPath: string, bibliographySetting: readonly string[]): FileAccessScope {
  const manuscriptFolder = normalisedPath(`${manuscriptPath}/..`);
  const roots = workspaceFolders.length > 0 ? workspaceFolders.map(normalisedPath) : [manuscriptFolder];
  const named = bibliographySetting
    .filter((entry) => entry.trim())
    .map((entry) => {
      const segments = entry.trim().replace(/\\/g, '/').split('/');
      const firstGlob = segments.findIndex((segment) => /[*?[]/.test(segment));
      const plain = (firstGlob === -1 ? segments : segments.slice(0, firstGlob)).join('/');
      return plain.startsWith('/') ? normalisedPath(plain) : normalisedPath(`${roots[0]}/${plain}`);
    });
  return { roots, named };
}

/**
 * The manuscripts below the folder at `folderUri`, as URIs in path order: the walk of workspace/manuscriptsOnDisk.ts
 * (no hidden or build folders, at most `limit` files), through `fileSystem`'s listing. Links are listed as what they
 * point to by the editor's file system; the client only answers inside the workspace folders.
 */
/** Past the limit the walk only counts, at most this many more, each folder a round trip to the client. */
const maxCountedPastLimit = 1000;

export async function findManuscriptsThrough(
  fileSystem: (scope: FileAccessScope) => WorkspaceFileSystem,
  folderUri: string,
  limit: number,
): Promise<FoundManuscripts> {
  const folder = URI.parse(folderUri);
  const files = fileSystem({ roots: [normalisedPath(folder.path)] });
  const found: URI[] = [];
  const pending = [folder];
  let capped = false;
  let notListed = 0;
  while (pending.length > 0 && notListed < maxCountedPastLimit) {
    const current = pending.shift()!;
    let entries;
    try {
      entries = await files.list(current.toString());
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const child = current.with({ path: `${current.path.replace(/\/$/, '')}/${entry.name}` });
      if (entry.kind === 'directory') {
        if (!skippedFolders.has(entry.name)) pending.push(child);
      } else if (entry.kind === 'file' && isManuscriptFile(entry.name)) {
        if (found.length >= limit) {
          capped = true;
          notListed++;
        } else found.push(child);
      }
    }
  }
  return { files: found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((uri) => uri.toString()),
    capped,
    notListed,
    notListedExact: pending.length === 0 && notListed < maxCountedPastLimit,
    // The editor's file system lists links as what they point to, and has no FIFOs to avoid.
    notRegular: [],
  };
}
