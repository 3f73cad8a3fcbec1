/**
 * Completion: references inside citations (`[..]`, `\cite{..}`, `[@..]`) ranked by the sentence being written, and
 * factor and EV-type names while typing ordinary words, inserting the canonical form.
 *
 * VS Code filters and re-sorts items by filterText against the text in the item's range; every item therefore carries
 * a filterText that begins with what was typed, and a sortText that encodes the server's rank, so the order survives.
 */
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { Reference } from '../datasetTypes';
import type { DatasetTerm } from '../dataset';
import { isProse } from '../manuscript';
import { escapeMarkdown } from '../format';
import { termHoverMarkdown } from './hover';
import type { FeatureContext } from './context';
import { rankReferences, searchWords, sentenceAroundCursor } from './referenceRanking';
import { findCitationContext, type CitationContext } from './citationContext';

/** Completion looks no further back than this on the line: enough for any citation being typed. */
const lookBehindLimit = 300;

export function doComplete(context: FeatureContext, position: Position): CompletionList {
  const { document, config } = context;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(Math.max(lineStart, offset - lookBehindLimit), offset);
  const beforeStart = offset - before.length;

  const citation = findCitationContext(before, context.manuscript.language);
  if (citation && isWhereCitationsAre(context, citation, before, beforeStart)) {
    if (!config.completion.citations) return emptyList();
    return completeCitation(context, citation, beforeStart, offset);
  }
  // Whatever the answer here, more typing may open a citation (`[x` becoming `[Xu`) or grow a term (`tg` → `tgf`).
  const mayChange =
    openBracketOnLine.test(before) ||
    (context.manuscript.language === 'latex' && latexCommandBeingTyped.test(before)) ||
    (config.completion.terms && termCouldFollow(context, before));
  if (config.completion.terms && isInProse(context, offset)) {
    return { isIncomplete: mayChange, items: completeTerms(context, before, offset) };
  }
  return { isIncomplete: mayChange, items: [] };
}

/** An unclosed `[` or `{` before the cursor on this line: typing on may make it a citation. */
const openBracketOnLine = /[[{][^\]}\n]*$/;
/** `\ci`, `\paren`…: a LaTeX command being typed may become a cite command. */
const latexCommandBeingTyped = /\\[A-Za-z]*$/;

/**
 * A bracket or `@` counts only in prose, not in code, math or comments. LaTeX cite commands are markup, so there the
 * test is that the line is not commented out before the command.
 */
function isWhereCitationsAre(context: FeatureContext, citation: CitationContext, before: string, beforeStart: number): boolean {
  if (citation.syntax === 'latex') return !/(^|[^\\])%/.test(before.slice(0, citation.openStart));
  return isProse(context.manuscript, beforeStart + citation.openStart);
}

function emptyList(): CompletionList {
  return { isIncomplete: false, items: [] };
}

function completeCitation(context: FeatureContext, citation: CitationContext, beforeStart: number, offset: number): CompletionList {
  const { document, dataset, config } = context;
  const range: Range = {
    start: document.positionAt(beforeStart + citation.queryStart),
    end: document.positionAt(offset),
  };
  const sentence = sentenceAroundCursor(document.getText(), offset, beforeStart + citation.openStart);
  // More digits than any reference number has are a year being typed: search for it.
  const digitsAreYear = (citation.numberPrefix?.length ?? 0) > String(dataset.references.length).length;
  const ranked = rankReferences(dataset, sentence, {
    query: digitsAreYear ? citation.numberPrefix : citation.textQuery,
    numberPrefix: digitsAreYear ? undefined : citation.numberPrefix,
    exclude: new Set(citation.citedNumbers),
  }).filter((candidate) => citation.rangeFrom === undefined || candidate.reference.number > citation.rangeFrom);

  const excludedKeys = new Set(citation.citedKeys);
  const items: CompletionItem[] = [];
  for (const { reference } of ranked) {
    if (items.length >= config.completion.maxItems) break;
    if (citation.syntax !== 'numeric' && excludedKeys.has(reference.key)) continue;
    const insert = citation.syntax === 'numeric' ? String(reference.number) : reference.key;
    const short = dataset.shortCitation(reference);
    items.push({
      label: insert,
      labelDetails: { description: short },
      kind: CompletionItemKind.Reference,
      detail: short,
      documentation: { kind: MarkupKind.Markdown, value: referenceDocumentation(context, reference) },
      sortText: String(items.length).padStart(4, '0'),
      filterText: filterTextFor(citation, insert, reference),
      textEdit: { range, newText: insert },
    });
  }
  if (citation.syntax !== 'numeric') items.push(...ownBibliographyItems(context, citation, range, items.length));
  // Typing narrows the server's fuzzy search, so every keystroke asks again.
  return { isIncomplete: true, items };
}

/** At most this many entries of the writer's own bibliography in one list. */
const maxOwnEntries = 100;

/**
 * Keys from the writer's own bibliography, after the review's references: every word of the query must begin a word
 * of the entry's key, title, authors or year.
 */
function ownBibliographyItems(context: FeatureContext, citation: CitationContext, range: Range, firstRank: number): CompletionItem[] {
  const { dataset, config } = context;
  const cited = new Set(citation.citedKeys.map((key) => key.toLowerCase()));
  const queryWords = searchWords(citation.textQuery ?? '');
  const items: CompletionItem[] = [];
  for (const entry of [...config.bibliography].sort((a, b) => a.key.localeCompare(b.key))) {
    if (items.length >= maxOwnEntries) break;
    if (dataset.referenceByKey(entry.key) || cited.has(entry.key.toLowerCase())) continue;
    const entryWords = searchWords(`${entry.key} ${entry.title ?? ''} ${entry.authors ?? ''} ${entry.year ?? ''}`);
    if (!queryWords.every((word) => entryWords.some((candidate) => candidate.startsWith(word)))) continue;
    const description = [entry.authors?.split(/\s+and\s+/)[0]?.split(',')[0], entry.year].filter(Boolean).join(' ');
    items.push({
      label: entry.key,
      labelDetails: { description: description ? `${description} · your bibliography` : 'your bibliography' },
      kind: CompletionItemKind.Reference,
      detail: 'From your bibliography',
      documentation: entry.title ? { kind: MarkupKind.Markdown, value: escapeMarkdown(entry.title) } : undefined,
      sortText: String(firstRank + items.length).padStart(4, '0'),
      filterText: citation.textQuery ? `${citation.textQuery} ${entry.key} ${entry.title ?? ''}` : entry.key,
      textEdit: { range, newText: entry.key },
    });
  }
  return items;
}

/**
 * The text VS Code matches against what was typed. It starts with the typed query so that a fuzzy match found by the
 * server (a typo, a title word) is never filtered out by the editor, and all items tie, leaving the server's order.
 */
function filterTextFor(citation: CitationContext, insert: string, reference: Reference): string {
  const searchable = `${insert} ${reference.firstAuthor} ${reference.year} ${reference.title}`;
  return citation.textQuery ? `${citation.textQuery} ${searchable}` : searchable;
}

function referenceDocumentation(context: FeatureContext, reference: Reference): string {
  return [
    `**[${reference.number}]** ${escapeMarkdown(context.dataset.formatReference(reference))}`,
    `*Cited in the review* ${escapeMarkdown(reference.citedIn)} *for* ${escapeMarkdown(reference.citedFor)}.`,
    `Key: \`${reference.key}\``,
  ].join('\n\n');
}

/** Whether the word just typed is prose; a document being typed may end just past its last prose span. */
function isInProse(context: FeatureContext, offset: number): boolean {
  const { prose } = context.manuscript;
  return isProse(context.manuscript, Math.max(0, offset - 1)) || (prose.length > 0 && offset === prose[prose.length - 1].end);
}

interface TermMatch {
  term: DatasetTerm;
  spelling: string;
  typed: string;
}

/**
 * Shortest text typed before a term is offered: two capitals for acronyms ("TG", "EV"), three letters otherwise, so
 * that ordinary words do not open a list at every keystroke.
 */
function isEnoughTyped(typed: string): boolean {
  return typed.length >= 3 || (typed.length === 2 && typed === typed.toUpperCase());
}

function completeTerms(context: FeatureContext, before: string, offset: number): CompletionItem[] {
  const matches = new Map<string, TermMatch>();
  for (const term of context.dataset.terms) {
    for (const spelling of spellingsOf(term)) {
      const typed = typedPrefixOf(before, spelling);
      if (!typed || typed === term.canonical) continue;
      const previous = matches.get(term.id);
      if (!previous || typed.length > previous.typed.length) matches.set(term.id, { term, spelling, typed });
    }
  }
  const sorted = [...matches.values()].sort(
    (a, b) =>
      b.typed.length - a.typed.length ||
      Number(b.spelling === b.term.canonical) - Number(a.spelling === a.term.canonical) ||
      a.term.canonical.localeCompare(b.term.canonical),
  );
  return sorted.map(({ term, spelling, typed }, index) => ({
    label: term.canonical,
    labelDetails: { description: term.fullName ?? term.kind },
    kind: term.category === 'ev' ? CompletionItemKind.Class : CompletionItemKind.Constant,
    detail: term.fullName ? `${term.fullName} (${term.kind})` : term.kind,
    documentation: { kind: MarkupKind.Markdown, value: termHoverMarkdown(context, term) },
    sortText: String(index).padStart(4, '0'),
    filterText: spelling,
    textEdit: {
      range: {
        start: context.document.positionAt(offset - typed.length),
        end: context.document.positionAt(offset),
      },
      newText: term.canonical,
    },
  }));
}

/**
 * Whether typing more letters could make the text before the cursor begin a term's spelling: the list must then stay
 * open (isIncomplete), because VS Code only asks again for an incomplete list.
 */
function termCouldFollow(context: FeatureContext, before: string): boolean {
  return context.dataset.terms.some((term) =>
    spellingsOf(term).some((spelling) => {
      const lowerSpelling = spelling.toLowerCase();
      for (let length = Math.min(spelling.length - 1, before.length); length >= 1; length--) {
        const start = before.length - length;
        if (start > 0 && /[\p{L}\p{N}_-]/u.test(before[start - 1])) continue;
        const typed = before.slice(start);
        if (/^\p{L}/u.test(typed) && lowerSpelling.startsWith(typed.toLowerCase())) return true;
      }
      return false;
    }),
  );
}

function spellingsOf(term: DatasetTerm): string[] {
  return [term.canonical, ...term.variants, ...(term.fullName ? [term.fullName] : [])];
}

/**
 * The longest text at the end of `before` that starts a word and is a case-insensitive prefix of the spelling,
 * e.g. "tgf" for "TGF-β", "transforming gr" for "transforming growth factor beta".
 */
function typedPrefixOf(before: string, spelling: string): string | undefined {
  const lowerSpelling = spelling.toLowerCase();
  const longest = Math.min(spelling.length, before.length);
  for (let length = longest; length >= 2; length--) {
    const start = before.length - length;
    if (start > 0 && /[\p{L}\p{N}_-]/u.test(before[start - 1])) continue;
    const typed = before.slice(start);
    if (!/^\p{L}/u.test(typed)) continue;
    if (isEnoughTyped(typed) && lowerSpelling.startsWith(typed.toLowerCase())) return typed;
  }
  return undefined;
}
