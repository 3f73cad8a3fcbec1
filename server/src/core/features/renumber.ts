/**
 * Renumbering by first use: every numbered citation of the project, in reading order, gets the number of its
 * reference's first citation ([5], [2], [2, 9], [1-3] → [1], [2], [2, 3], [2, 4, 5]), written compactly with the
 * manuscript's own dash and separator, and the manuscript's reference list is reordered to match (numbers rewritten,
 * entries moved, their text untouched; entries never cited keep their order after the cited ones). One versioned
 * edit; nothing is changed when a citation cannot be renumbered or cites a number the list lacks.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { ReferenceListEntry } from '../manuscript/types';
import { citationWritingOf, compactNumbers, firstUseOf, listKeyNumbers, type CitationWriting, type FirstUse } from '../project/firstUse';
import type { ProjectFile } from '../project/model';
import type { FeatureContext } from './context';
import { listSome, placeOf, ProjectEditBuilder, type ProjectEditResult } from './projectEdit';

/** The server command that renumbers the project of the document given as its one argument (a URI). */
export const renumberCitationsCommand = 'secretome.server.renumberCitations';
/** The source action's kind: `source.renumberCitations`. */
export const renumberCitationsKind = `${CodeActionKind.Source}.renumberCitations`;

export function renumberCitations(context: FeatureContext): ProjectEditResult {
  const plan = planRenumbering(context);
  if ('refused' in plan) return plan.refused;
  const builder = new ProjectEditBuilder();
  rewriteCitations(builder, context.project.files, plan.use, plan.writing, plan.newNumber);
  rewriteList(builder, plan.listFile, plan.newOrder, (entry) => listFileText(plan.listFile, entry));
  return finish(builder, plan.use, 'Citations are already numbered by first use, and the reference list is in that order.');
}

/** The plan for a project with its own reference list: the new number of each old one, and the list's new order. */
export interface RenumberingPlan {
  use: FirstUse;
  writing: CitationWriting;
  newNumber: Map<number, number>;
  listFile: ProjectFile;
  /** The list's entries in their new order (cited ones by first use, then the others as they were). */
  newOrder: ReferenceListEntry[];
}

export function planRenumbering(context: FeatureContext): RenumberingPlan | { refused: ProjectEditResult } {
  const files = context.project.files;
  const use = firstUseOf(files, listKeyNumbers(context.project));
  if (use.order.length === 0) return { refused: { outcome: 'unchanged', message: 'The manuscript has no numbered citations to renumber.' } };
  const broken = unrenumberableMessage(files, use);
  if (broken) return { refused: { outcome: 'refused', message: broken } };
  const listFile = context.project.ownListFile;
  const list = listFile?.manuscript.referenceList;
  if (!listFile || !list) {
    return {
      refused: {
        outcome: 'refused',
        message:
          "The manuscript has no reference list of its own: its numbers are the review's references, so there is no list to reorder. " +
          "“Write the Reference List” makes them the manuscript's own, numbered by first use.",
      },
    };
  }
  const byNumber = new Map<number, ReferenceListEntry>();
  const twice: string[] = [];
  for (const entry of list.entries) {
    if (byNumber.has(entry.number)) twice.push(`${entry.number} (${placeOf(listFile.document, entry.start)})`);
    else byNumber.set(entry.number, entry);
  }
  if (twice.length > 0) {
    return { refused: { outcome: 'refused', message: `Nothing was renumbered: the reference list numbers an entry twice: ${listSome(twice)}.` } };
  }
  const missing = use.order.filter((number) => !byNumber.has(number));
  if (missing.length > 0) {
    const where = missing.map((number) => {
      const first = use.first.get(number)!;
      return `[${number}] (${placeOf(files[first.fileIndex]!.document, first.entry.start)})`;
    });
    return {
      refused: {
        outcome: 'refused',
        message: `Nothing was renumbered: ${listSome(where)} ${missing.length === 1 ? 'is' : 'are'} not in the manuscript's reference list (${list.entries.length} entries). Correct or remove ${missing.length === 1 ? 'that citation' : 'those citations'} first.`,
      },
    };
  }
  const newNumber = new Map<number, number>();
  const newOrder: ReferenceListEntry[] = [];
  for (const number of use.order) {
    newNumber.set(number, newOrder.length + 1);
    newOrder.push(byNumber.get(number)!);
  }
  for (const entry of list.entries) {
    if (newNumber.has(entry.number) || byNumber.get(entry.number) !== entry) continue;
    newNumber.set(entry.number, newOrder.length + 1);
    newOrder.push(entry);
  }
  return { use, writing: citationWritingOf(files, use.citations), newNumber, listFile, newOrder };
}

/** "Nothing was renumbered: [1-99999999] (02.results.md, line 4) is a range too long to be meant." */
export function unrenumberableMessage(files: readonly ProjectFile[], use: FirstUse): string | undefined {
  if (use.unrenumberable.length === 0) return undefined;
  const where = use.unrenumberable.map(({ fileIndex, entry, why }) => `[${entry.text}] (${placeOf(files[fileIndex]!.document, entry.start)}) is ${why}`);
  return `Nothing was renumbered: ${listSome(where)}. Correct ${use.unrenumberable.length === 1 ? 'it' : 'them'} first.`;
}

/** Every numbered citation written with its new numbers; the spaces inside the brackets are kept. */
export function rewriteCitations(
  builder: ProjectEditBuilder,
  files: readonly ProjectFile[],
  use: FirstUse,
  writing: CitationWriting,
  newNumber: ReadonlyMap<number, number>,
): void {
  for (const { fileIndex, citation, numbers } of use.citations) {
    if (numbers.length === 0) continue;
    const { document, manuscript } = files[fileIndex]!;
    const text = manuscript.text;
    let start = citation.inner.start;
    let end = citation.inner.end;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    builder.replace(document, { start, end }, compactNumbers(numbers.map((number) => newNumber.get(number) ?? number), writing));
  }
}

/**
 * The list's entries put in `newOrder`: position i of the list receives the i-th entry of the new order, numbered
 * i + 1 (a Markdown entry's written number is rewritten; a `\bibitem`'s number is its place, so it only moves).
 */
export function rewriteList(
  builder: ProjectEditBuilder,
  listFile: ProjectFile,
  newOrder: readonly ReferenceListEntry[],
  entryBody: (entry: ReferenceListEntry) => string,
): void {
  const { document, manuscript } = listFile;
  const entries = manuscript.referenceList!.entries;
  const text = manuscript.text;
  newOrder.forEach((entry, index) => {
    const place = entries[index]!;
    const marker = text.slice(entry.start, entry.textSpan.start);
    const numbered = manuscript.language === 'latex' ? marker : marker.replace(/\d+/, String(index + 1));
    builder.replace(document, { start: place.start, end: place.end }, numbered + entryBody(entry));
  });
}

/** An entry's text as written, line breaks kept (a wrapped entry moves whole). */
export function listFileText(listFile: ProjectFile, entry: ReferenceListEntry): string {
  return listFile.manuscript.text.slice(entry.textSpan.start, entry.end);
}

export function finish(builder: ProjectEditBuilder, use: FirstUse, unchanged: string): ProjectEditResult {
  if (builder.isEmpty) return { outcome: 'unchanged', message: unchanged };
  const { documents, edits } = builder.counts;
  const references = use.order.length;
  return {
    outcome: 'edit',
    message: `Renumbered ${references} cited reference${references === 1 ? '' : 's'} by first use: ${edits} change${edits === 1 ? '' : 's'} in ${documents} file${documents === 1 ? '' : 's'}.`,
    edit: builder.build(),
  };
}

/**
 * The source action (Source Action… menu, `editor.codeActionsOnSave`), offered when the project has numbered citations
 * and asked for by kind. It runs the command, so the edit is computed when chosen, on the text of that moment.
 */
export function renumberSourceActions(context: FeatureContext, only: readonly string[] | undefined): CodeAction[] {
  if (!only || !only.some((kind) => kind === CodeActionKind.Source || kind === renumberCitationsKind)) return [];
  const numbered = context.project.files.some((file) => file.manuscript.citations.some((citation) => citation.syntax === 'numeric'));
  if (!numbered && !listKeyNumbers(context.project)) return [];
  return [renumberAction(context.document.uri, renumberCitationsKind)];
}

export function renumberAction(uri: string, kind: string): CodeAction {
  const title = 'Renumber citations by first use';
  return { title, kind, command: { title, command: renumberCitationsCommand, arguments: [uri] } };
}
