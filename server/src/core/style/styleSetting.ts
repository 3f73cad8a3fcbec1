/**
 * `secretome.citationStyle` turned into a formatter: a bundled style's name ("vancouver"), or a workspace-relative
 * path to a .csl file read through the injected WorkspaceFileSystem. A path outside the workspace, a missing file
 * or a style citeproc-js cannot use gives one clear problem and the Vancouver formatter instead: never a crash.
 */
import { URI, Utils } from 'vscode-uri';
import { FileAccessError, type WorkspaceFileSystem } from '../workspace';
import { bundledStyles, defaultStyleName, isBundledStyleName } from './bundledStyles';
import { CitationStyleError, createReferenceFormatter, type ReferenceFormatter } from './referenceFormatter';

/** A style file larger than this is not a CSL style (the largest in the CSL repository are about 200 KB). */
export const maxStyleFileBytes = 2 * 1024 * 1024;

export interface StyleProblem {
  /** Says which setting value failed, why, and that Vancouver is used instead. */
  message: string;
  /** "outside-workspace", "not-found", "too-large", "not-a-csl-file", "malformed-style", or FileAccessError's reason. */
  reason: string;
}

export interface ResolvedStyle {
  formatter: ReferenceFormatter;
  /** Set when the setting could not be used and the formatter is Vancouver's instead. */
  problem?: StyleProblem;
}

/**
 * The formatter the setting names. `workspaceFolder` (a URI) is what a relative path is read from; paths that leave
 * it (`../x.csl`, an absolute path elsewhere) are refused before anything is read.
 */
export async function resolveCitationStyle(setting: string | undefined, workspaceFolder: string | undefined, files: WorkspaceFileSystem): Promise<ResolvedStyle> {
  const value = (setting ?? '').trim();
  if (value === '' || isBundledStyleName(value.toLowerCase())) {
    const name = value === '' ? defaultStyleName : (value.toLowerCase() as typeof defaultStyleName);
    return { formatter: createReferenceFormatter(bundledStyles[name]) };
  }
  const fallback = (reason: string, why: string): ResolvedStyle => ({
    formatter: createReferenceFormatter(bundledStyles[defaultStyleName]),
    problem: { reason, message: `The citation style "${value}" ${why.replace(/\.$/, '')}; the reference list uses Vancouver instead.` },
  });
  if (!/\.csl$/i.test(value)) {
    return fallback('not-a-csl-file', `is neither a bundled style (${Object.keys(bundledStyles).join(', ')}) nor a path to a .csl file`);
  }
  if (!workspaceFolder) return fallback('outside-workspace', 'is a path, and there is no workspace folder to read it from');
  const uri = styleFileUri(value, workspaceFolder);
  if (!uri) return fallback('outside-workspace', 'is outside the workspace folder; only style files inside it are read');
  let xml: string;
  try {
    const stat = await files.stat(uri);
    if (stat.kind !== 'file') return fallback('not-a-regular-file', 'is not a file');
    if (stat.size > maxStyleFileBytes) return fallback('too-large', `is larger than ${maxStyleFileBytes / 1024 / 1024} MB, too large for a CSL style`);
    xml = await files.read(uri);
  } catch (error) {
    if (error instanceof FileAccessError) return fallback(error.reason, `could not be read: ${error.message}`);
    throw error;
  }
  try {
    return { formatter: createReferenceFormatter({ name: value, xml }) };
  } catch (error) {
    if (error instanceof CitationStyleError) return fallback('malformed-style', `is not a usable CSL style: ${error.message}`);
    throw error;
  }
}

/** The file's URI when `path` stays inside the folder; undefined when it leaves it. */
function styleFileUri(path: string, workspaceFolder: string): string | undefined {
  const folder = URI.parse(workspaceFolder);
  const written = path.replace(/\\/g, '/');
  const isAbsolute = written.startsWith('/') || /^[a-z]:\//i.test(written);
  const target = isAbsolute ? folder.with({ path: written.startsWith('/') ? written : `/${written}` }) : Utils.joinPath(folder, written);
  // Windows drive letters compare in either case ("/C:/…" and "/c:/…" are one folder).
  const comparable = (written: string) => written.replace(/^\/([A-Za-z]):/, (_, drive: string) => `/${drive.toLowerCase()}:`);
  const root = comparable(folder.path.replace(/\/$/, ''));
  const inside = comparable(target.path) === root || comparable(target.path).startsWith(`${root}/`);
  return inside ? target.toString() : undefined;
}
