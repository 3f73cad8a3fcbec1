/**
 * Document links on the files a manuscript names: bibliographies (`\bibliography{refs}`, `\addbibresource{x.bib}`,
 * front-matter `bibliography:`) and included chapters (`\input{…}`, `\include{…}`, `\subfile{…}`, `% !TEX root`).
 * A link is offered only for a file that exists and may be read (the injected file system refuses what lies outside
 * the workspace), so a link never leads nowhere.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { frontMatterBibliographies, latexBibliographies, latexIncludes, latexMagicRoot, type NameInText } from '../sources/discovery';
import { resolveName } from '../sources/bibliographySources';
import type { WorkspaceFileSystem } from '../workspace';
import type { FeatureContext } from './context';

/** A manuscript naming more files than this gets links on the first ones only: each costs a stat. */
const maxLinks = 500;

export async function documentLinks(context: FeatureContext, files: WorkspaceFileSystem): Promise<DocumentLink[]> {
  const { document, manuscript } = context;
  const uri = URI.parse(document.uri);
  if (uri.scheme !== 'file') return [];
  const text = document.getText();
  const named: Array<{ name: NameInText; candidates: string[]; tooltip: string }> = [];
  if (manuscript.language === 'latex') {
    // \bibliography{refs} means refs.bib (discovery adds the extension); the link covers the name as written.
    for (const name of latexBibliographies(text)) named.push({ name, candidates: [name.name], tooltip: 'Open the bibliography' });
    const root = latexMagicRoot(text);
    for (const name of [...latexIncludes(text), ...(root ? [root] : [])]) {
      named.push({ name, candidates: /\.[a-z]+$/i.test(name.name) ? [name.name] : [`${name.name}.tex`, name.name], tooltip: 'Open the included file' });
    }
  } else if (manuscript.language === 'markdown') {
    for (const name of frontMatterBibliographies(text)) named.push({ name, candidates: [name.name], tooltip: 'Open the bibliography' });
  }
  named.sort((a, b) => a.name.line - b.name.line || a.name.character - b.name.character);
  // LaTeX reads an \input of a chapter from the root's folder; a chapter's own folder is tried first.
  const folders = [Utils.dirname(uri)];
  const project = context.project.project;
  if (project.kind === 'latex' && project.id !== document.uri) folders.push(Utils.dirname(URI.parse(project.id)));

  const links: DocumentLink[] = [];
  for (const { name, candidates, tooltip } of named.slice(0, maxLinks)) {
    const target = await firstExisting(files, folders, candidates);
    if (!target) continue;
    const start = { line: name.line, character: name.character };
    links.push({ range: { start, end: { line: name.line, character: name.character + name.length } }, target, tooltip });
  }
  return links;
}

async function firstExisting(files: WorkspaceFileSystem, folders: readonly URI[], names: readonly string[]): Promise<string | undefined> {
  for (const folder of folders) {
    for (const name of names) {
      const candidate = resolveName(folder, name).toString();
      try {
        if ((await files.stat(candidate)).kind === 'file') return candidate;
      } catch {
        // Missing, or outside what may be read: no link.
      }
    }
  }
  return undefined;
}
