/**
 * Hover: on a citation of up to three references, each in full, where it is defined (the manuscript's own list, a
 * bibliography, the review) and, for a paper the review cites, what the review cites it for; on a longer range, one
 * line per reference (the full entry is a hover on that one away). On an identifier (`[@doi:…]`), its scheme and
 * value, checked for form only, and the bibliography entry that has it. On a factor or EV type (under any spelling),
 * what it is, what the review says of it (each quote once, with the strength of its evidence), and its references.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Position } from 'vscode-languageserver-types';
import type { DatasetTerm } from '../dataset';
import type { EvidenceStrength, Statement } from '../datasetTypes';
import { describeStrength } from '../claims/strengthWording';
import { isNoncanonicalSpelling } from '../rules/noncanonicalTerm';
import type { Citation, CitedIdentifier, IdentifierScheme } from '../manuscript/types';
import type { Reference } from '../knowledge';
import { definitionSentence, formatReference, oneLineReference } from '../knowledge/format';
import { citationAt } from '../manuscript';
import { escapeMarkdown, formatReferenceNumbers } from '../format';
import type { FeatureContext } from './context';

/** A hover lists at most this many references; a longer citation is a mistake to point out, not a list to read. */
const maxReferencesShown = 60;
/** A citation of more references than this is shown one line per reference instead of in full. */
const maxReferencesInFull = 3;
/** Term hovers look at this much text either side of the cursor: longer than any spelling. */
const termWindow = 120;

export function doHover(context: FeatureContext, position: Position): Hover | null {
  const offset = context.document.offsetAt(position);
  const citation = citationAt(context.manuscript, offset);
  if (citation) return citationHover(context, citation);
  return termHover(context, offset);
}

/** One entry of a citation as the hover shows it: a reference found, or what was looked for and not found. */
type Shown =
  | { kind: 'reference'; label: string; reference: Reference }
  | { kind: 'note'; text: string };

function citationHover(context: FeatureContext, citation: Citation): Hover {
  const { document } = context;
  const sections: string[] = [];
  const numbering = numberingOf(context);

  for (const entry of citation.entries) {
    if (entry.problem === 'absurd-range' && entry.from !== undefined && entry.to !== undefined) {
      const span = Math.abs(entry.to - entry.from) + 1;
      sections.push(`\`${escapeMarkdown(entry.text)}\` spans ${span.toLocaleString('en-US')} numbers; ${numbering.has}.`);
    } else if (entry.problem === 'reversed-range') {
      sections.push(`\`${escapeMarkdown(entry.text)}\` is a reversed range: write the smaller number first.`);
    }
  }

  const shown: Shown[] = [];
  const numbers = citation.numbers.slice(0, maxReferencesShown);
  for (const number of numbers) {
    const reference = context.references.resolveNumber(number);
    shown.push(reference ? { kind: 'reference', label: `[${number}]`, reference } : { kind: 'note', text: numbering.notIn(number) });
  }
  for (const key of citation.keys.slice(0, maxReferencesShown)) {
    const reference = resolveKey(context, key);
    shown.push(reference ? { kind: 'reference', label: `\`${key}\``, reference } : { kind: 'note', text: unknownKey(context, key) });
  }
  const omitted = citation.numbers.length - numbers.length + Math.max(0, citation.keys.length - maxReferencesShown);

  const found = shown.filter((item) => item.kind === 'reference');
  const inFull = found.length <= maxReferencesInFull;
  const oneLines: string[] = [];
  for (const item of shown) {
    if (item.kind === 'note') sections.push(item.text);
    else if (inFull) sections.push(referenceSection(context, item.label, item.reference));
    else oneLines.push(referenceLine(item.label, item.reference));
  }
  if (oneLines.length) {
    const more = omitted > 0 ? `  \n…and ${omitted.toLocaleString('en-US')} more, not listed.` : '';
    sections.push(`${oneLines.join('  \n')}${more}\n\n*Hover a single reference for its full entry.*`);
  }
  for (const entry of citation.entries) {
    if (entry.kind === 'identifier' && entry.identifier && entry.key) sections.push(identifierSection(context, entry.key, entry.identifier));
  }
  if (sections.length === 0) sections.push('This citation is empty.');

  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: { start: document.positionAt(citation.start), end: document.positionAt(citation.end) },
  };
}

/** What `[n]` counts in, for the notes on numbers outside it: the manuscript's own list, or the review's. */
function numberingOf(context: FeatureContext): { has: string; notIn: (number: number) => string } {
  const { references, dataset } = context;
  if (references.numbering === 'review') {
    const total = dataset.references.length;
    return {
      has: `the review has ${total} references (1–${total})`,
      notIn: (number) => `**[${number}]** is not a reference of the review: its references are numbered 1–${total}.`,
    };
  }
  const { label } = references.numbered.source;
  const numbers = references.numbered.references.map((reference) => reference.number ?? 0).filter((number) => number > 0);
  const count = numbers.length;
  const span = count > 0 ? `${Math.min(...numbers)}–${Math.max(...numbers)}` : 'none';
  return {
    has: `${label} has ${count} ${count === 1 ? 'entry' : 'entries'} (${span})`,
    notIn: (number) => `**[${number}]** is not in ${escapeMarkdown(label)} (entries ${span}).`,
  };
}

/** A key the document's own list defines (`\bibitem{key}`) is that entry; else the bibliographies', else the review's. */
function resolveKey(context: FeatureContext, key: string): Reference | undefined {
  const { references } = context;
  const own = references.numbering === 'own-list' && !/^\d+$/.test(key) ? references.numbered.byKeyOf(key) : undefined;
  return own ?? references.resolveKey(key);
}

/** An unknown key, with where it was looked for: each bibliography by its label, and the review. */
function unknownKey(context: FeatureContext, key: string): string {
  const { references } = context;
  const searched = references.sources.filter((source) => source.source.kind === 'bibliography').map((source) => source.source.label);
  const written = `\`${escapeMarkdown(key)}\``;
  let text = searched.length
    ? `${written} is not defined in ${escapeMarkdown(listOf(searched))}, nor is it the key of any of the review's references.`
    : `${written} is not the key of any of the review's references; no bibliography was searched for this document.`;
  const unread = references.missingBibliographyIds.map(fileName);
  if (unread.length) text += ` Not read: ${escapeMarkdown(listOf(unread))}.`;
  return text;
}

/**
 * One reference in full: as written, where it is defined (so the writer knows which numbering `[n]` is in), and when
 * it is one of the review's papers, what the review cites it for.
 */
function referenceSection(context: FeatureContext, label: string, reference: Reference): string {
  const { dataset } = context;
  const lines = [`**${label}** ${escapeMarkdown(formatReference(reference, dataset))}`];
  const review = reference.reviewNumber !== undefined ? dataset.reference(reference.reviewNumber) : undefined;
  if (reference.source.kind === 'review' && review) {
    lines.push(`${escapeMarkdown(definitionSentence(reference))}. *Cited in the review* ${escapeMarkdown(review.citedIn)} *for* ${escapeMarkdown(review.citedFor)}. Key: \`${review.key}\``);
    return lines.join('\n\n');
  }
  lines.push(`${escapeMarkdown(definitionSentence(reference))}.`);
  if (review) {
    lines.push(
      `*The review's reference ${review.number}* (${escapeMarkdown(dataset.shortCitation(review))}): *cited in the review* ${escapeMarkdown(review.citedIn)} *for* ${escapeMarkdown(review.citedFor)}.`,
    );
  }
  return lines.join('\n\n');
}

/** "**[13]** Ranganath 2012, Harnessing the mesenchymal stem cell secretome…": label, first author, year, short title. */
function referenceLine(label: string, reference: Reference): string {
  const review = reference.source.kind !== 'review' && reference.reviewNumber !== undefined ? ` (the review's [${reference.reviewNumber}])` : '';
  return `**${label}** ${escapeMarkdown(oneLineReference(reference))}${review}`;
}

const schemeNames: Record<IdentifierScheme, string> = {
  doi: 'DOI',
  pmid: 'PubMed ID',
  pmcid: 'PubMed Central ID',
  arxiv: 'arXiv ID',
  isbn: 'ISBN',
  url: 'URL',
  wikidata: 'Wikidata item',
  tag: 'Tag',
  raw: 'Raw key',
};

/** Where an identifier leads, for a link the reader may follow; the hover itself never looks it up. */
function identifierLink(identifier: CitedIdentifier): string | undefined {
  // Parentheses in a DOI (`10.1016/S0140-6736(20)30183-5`) would close the Markdown link early.
  const value = encodeURI(identifier.value).replace(/\(/g, '%28').replace(/\)/g, '%29');
  switch (identifier.scheme) {
    case 'doi':
      return `https://doi.org/${value}`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${value}/`;
    case 'pmcid':
      return `https://www.ncbi.nlm.nih.gov/pmc/articles/${value}/`;
    case 'arxiv':
      return `https://arxiv.org/abs/${value}`;
    case 'wikidata':
      return `https://www.wikidata.org/wiki/${value}`;
    case 'url':
      return /^https?:\/\//i.test(identifier.value) ? value : undefined;
    default:
      return undefined;
  }
}

/** `[@doi:10.1/x]`: the identifier, its form checked, and the entry of a bibliography that has it, if one does. */
function identifierSection(context: FeatureContext, key: string, identifier: CitedIdentifier): string {
  const written = `\`@${escapeMarkdown(key)}\``;
  const name = schemeNames[identifier.scheme];
  if (!identifier.wellFormed) {
    return `${written} is not a well-formed ${name}: ${escapeMarkdown(identifier.problem ?? 'its form is wrong')}`;
  }
  if (identifier.scheme === 'tag') return tagSection(context, key, identifier);
  const link = identifierLink(identifier);
  const value = escapeMarkdown(identifier.value);
  const lines = [`**${name}** ${link ? `[${value}](${link})` : value}  \n*Not looked up: checked for form only.*`];
  const reference = entryWithIdentifier(context, key, identifier);
  if (reference) lines.push(referenceSection(context, written, reference));
  return lines.join('\n\n');
}

/** `@tag:x` stands for what its `[@tag:x]: doi:…` line says; another file of the project may define it instead. */
function tagSection(context: FeatureContext, key: string, identifier: CitedIdentifier): string {
  const written = `\`@${escapeMarkdown(key)}\``;
  const definition = context.manuscript.tagDefinitions?.get(key);
  if (definition) {
    const line = context.document.positionAt(definition.span.start).line + 1;
    const lines = [`${written} stands for \`${escapeMarkdown(definition.target)}\` (defined on line ${line}).`];
    const target = definition.identifier;
    if (target && target.scheme !== 'tag') lines.push(identifierSection(context, definition.target, target));
    return lines.join('\n\n');
  }
  if (context.config.sources.projectKeys.includes(key)) return `${written} is defined elsewhere in this document's project.`;
  const reference = context.references.resolveKey(key);
  if (reference) return referenceSection(context, written, reference);
  return `${written} is not defined: add a line \`[@tag:${escapeMarkdown(identifier.value)}]: doi:…\` to say what it stands for.`;
}

/**
 * The entry a bibliography gives for this identifier: one whose key is the identifier itself (Manubot's
 * manual-references.json ids are "doi:…", "url:…"), else the first in scope with the same DOI, PMID or PMCID.
 */
function entryWithIdentifier(context: FeatureContext, key: string, identifier: CitedIdentifier): Reference | undefined {
  const byKey = context.references.resolveKey(key);
  if (byKey) return byKey;
  const field = ({ doi: 'DOI', pmid: 'PMID', pmcid: 'PMCID' } as const)[identifier.scheme as 'doi' | 'pmid' | 'pmcid'];
  if (!field) return undefined;
  const wanted = identifier.value.toLowerCase();
  for (const reference of context.references.allReferences()) {
    if (reference.item[field]?.toLowerCase() === wanted) return reference;
  }
  return undefined;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)) || uri;
}

function termHover(context: FeatureContext, offset: number): Hover | null {
  const { document, dataset } = context;
  const text = document.getText();
  const windowStart = Math.max(0, offset - termWindow);
  const windowText = text.slice(windowStart, Math.min(text.length, offset + termWindow));
  const mention = dataset
    .findTermMentions(windowText, windowStart)
    .find((candidate) => candidate.start <= offset && offset < candidate.end);
  if (!mention) return null;
  return {
    // Only a spelling the noncanonical-term rule flags is called one: "Exosomes" opening a sentence is the canonical form.
    contents: { kind: MarkupKind.Markdown, value: termHoverMarkdown(context, mention.term, isNoncanonicalSpelling(mention) ? mention.written : undefined) },
    range: { start: document.positionAt(mention.start), end: document.positionAt(mention.end) },
  };
}

const categoryNames: Record<DatasetTerm['category'], string> = {
  factor: 'secreted factor',
  component: 'secretome component',
  ev: 'extracellular vesicle type',
  concept: 'concept',
};

/** What a term is and what the review says of it; completion shows the same text as an item's documentation. */
export function termHoverMarkdown(context: FeatureContext, term: DatasetTerm, written?: string): string {
  const { dataset } = context;
  const heading = term.fullName ? `**${escapeMarkdown(term.canonical)}**: ${escapeMarkdown(term.fullName)}` : `**${escapeMarkdown(term.canonical)}**`;
  const lines = [`${heading}  \n*${escapeMarkdown(kindAndCategory(term))}*`, escapeMarkdown(term.summary)];
  if (written && written !== term.canonical) {
    lines.push(`Written here as “${escapeMarkdown(written)}”; the canonical form is **${escapeMarkdown(term.canonical)}**.`);
  }
  if (term.cargo?.length) lines.push(`**Cargo:** ${term.cargo.map(escapeMarkdown).join(', ')}`);
  if (term.roles?.length) lines.push(`**Roles:** ${term.roles.map(escapeMarkdown).join('; ')}`);

  const statements = term.statements.map((id) => dataset.statement(id)).filter((statement) => statement !== undefined);
  if (statements.length) {
    lines.push(
      '**What the review says**\n\n' +
        distinctQuotes(statements)
          .map(({ quote, refs, strengths }) => `- ${escapeMarkdown(quote)} ${formatReferenceNumbers(refs)} (${strengths.map(describeStrength).join('; ')})`)
          .join('\n'),
    );
  }
  if (term.refs.length) {
    lines.push(
      '**References**\n\n' +
        term.refs
          .map((number) => dataset.reference(number))
          .filter((reference) => reference !== undefined)
          .map((reference) => `- [${reference.number}] ${escapeMarkdown(dataset.shortCitation(reference))}: ${escapeMarkdown(reference.title)}`)
          .join('\n'),
    );
  }
  return lines.join('\n\n');
}

/** "growth factor, secreted factor", but "extracellular vesicle type" once when the kind already says the category. */
function kindAndCategory(term: DatasetTerm): string {
  const kind = term.kind.trim();
  const category = categoryNames[term.category];
  if (kind.toLowerCase().includes(category) || category.includes(kind.toLowerCase())) return kind.length >= category.length ? kind : category;
  return `${kind}, ${category}`;
}

/**
 * Statements that quote the same sentence, each quote once: the review's "FGF and BMPs … encourage both the
 * proliferation and differentiation of stem cells" backs four statements but is one piece of evidence. A quote that is
 * part of another shown quote is that one.
 */
export function distinctQuotes(statements: readonly Statement[]): Array<{ quote: string; refs: number[]; strengths: EvidenceStrength[] }> {
  const normal = (quote: string) => quote.replace(/\s+/g, ' ').trim().toLowerCase();
  const longestFirst = [...statements].sort((a, b) => b.quote.length - a.quote.length);
  const shown: Array<{ key: string; quote: string; refs: number[]; strengths: EvidenceStrength[]; order: number }> = [];
  for (const statement of longestFirst) {
    const key = normal(statement.quote);
    let entry = shown.find((candidate) => candidate.key.includes(key));
    if (!entry) {
      entry = { key, quote: statement.quote, refs: [], strengths: [], order: statements.indexOf(statement) };
      shown.push(entry);
    }
    entry.order = Math.min(entry.order, statements.indexOf(statement));
    for (const number of statement.refs) if (!entry.refs.includes(number)) entry.refs.push(number);
    if (!entry.strengths.includes(statement.strength)) entry.strengths.push(statement.strength);
  }
  // In the order of the term's statements, which follows the review.
  return shown.sort((a, b) => a.order - b.order).map(({ quote, refs, strengths }) => ({ quote, refs, strengths }));
}
