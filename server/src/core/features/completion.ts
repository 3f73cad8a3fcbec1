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
import type { Reference } from '../knowledge/model';
import { firstAuthorOf, formatReference, reviewEvidence, shortCitation, whereDefined, yearOf } from '../knowledge/format';
import type { DatasetTerm } from '../dataset';
import { isProse } from '../manuscript';
import { escapeMarkdown } from '../format';
import { termHoverMarkdown } from './hover';
import type { FeatureContext } from './context';
import { sentenceAroundCursor } from './referenceRanking';
import { findCitationContext, type CitationContext } from './citationContext';
import { citationCandidates, numberDigits } from './citationCandidates';

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
  const { document, references, config } = context;
  const range: Range = {
    start: document.positionAt(beforeStart + citation.queryStart),
    end: document.positionAt(offset),
  };
  const text = document.getText();
  const typed = text.slice(beforeStart + citation.queryStart, offset);
  const sentence = sentenceAroundCursor(text, offset, beforeStart + citation.openStart);
  const numeric = citation.syntax === 'numeric';
  if (!numeric && isKeyThenLocator(references, citation.textQuery)) return emptyList();
  // More digits than any number of the document's numbering has are a year being typed: search for it.
  const digitsAreYear = numeric && (citation.numberPrefix?.length ?? 0) > numberDigits(references);
  const { candidates, complete } = citationCandidates(references, numeric ? 'numeric' : 'key', {
    sentence,
    query: digitsAreYear ? citation.numberPrefix : citation.textQuery,
    numberPrefix: digitsAreYear ? undefined : citation.numberPrefix,
    above: citation.rangeFrom,
    excludeKeys: citation.citedKeys,
    excludeNumbers: citation.citedNumbers,
    limit: config.completion.maxItems,
  });
  const items = candidates.map(({ reference, insert }, rank): CompletionItem => {
    const short = shortCitation(reference, context.dataset);
    return {
      label: insert,
      labelDetails: { description: short },
      kind: CompletionItemKind.Reference,
      detail: short,
      documentation: { kind: MarkupKind.Markdown, value: referenceDocumentation(context, reference) },
      sortText: String(rank).padStart(4, '0'),
      filterText: filterTextFor(typed, insert, reference),
      textEdit: { range, newText: insert },
    };
  });
  // The list is final only when the ranking saw everything and the next key could not change it. Inside a citation the
  // next key always can (a letter starts or narrows the search, a digit narrows the numbers or turns them into a year),
  // and VS Code asks again only while the list is incomplete.
  const nextKeyCanChange = true;
  return { isIncomplete: !complete || nextKeyCanChange, items };
}

/** `[@caseiro2019 p. 3`: a known key followed by words is a locator being written, not a search. */
function isKeyThenLocator(references: FeatureContext['references'], query: string | undefined): boolean {
  const words = query?.split(/\s+/) ?? [];
  return words.length > 1 && references.resolveKey(words[0]) !== undefined;
}

/**
 * The text VS Code matches against what was typed. It starts with the typed text so that a fuzzy match found by the
 * server (a typo, a title word, a year) is never filtered out by the editor, and all items tie, leaving the server's
 * order.
 */
function filterTextFor(typed: string, insert: string, reference: Reference): string {
  const searchable = [insert, firstAuthorOf(reference), yearOf(reference), reference.item.title].filter(Boolean).join(' ');
  return typed ? `${typed} ${searchable}` : searchable;
}

/** The full reference, why the review cites it (only for a paper the review cites), and where it is defined. */
function referenceDocumentation(context: FeatureContext, reference: Reference): string {
  const number = reference.number === undefined ? '' : `**[${reference.number}]** `;
  const parts = [`${number}${escapeMarkdown(formatReference(reference, context.dataset))}`];
  const evidence = reviewEvidence(reference, context.dataset);
  if (evidence) parts.push(`*${escapeMarkdown(evidence)}*`);
  const key = reference.key === String(reference.number) ? '' : `Key: \`${reference.key}\` · `;
  parts.push(`${key}From ${escapeMarkdown(whereDefined(reference))}`);
  return parts.join('\n\n');
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
