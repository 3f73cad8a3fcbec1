/**
 * A CSL item as a file holds it (parsed JSON or YAML: any shape at all) checked into the model's CslItem: known
 * fields kept when they have the right type (numbers written as text accepted), names and dates normalised, the
 * rest dropped. Shared by the CSL-JSON and CSL-YAML readers.
 */
import type { CslDate, CslItem, CslName, Reference, ReferenceSource, SourceLocation, SourceProblem } from '../knowledge/model';

type TextField = 'type' | 'title' | 'container-title' | 'volume' | 'issue' | 'number' | 'page' | 'publisher' | 'DOI' | 'PMID' | 'PMCID' | 'ISBN' | 'URL' | 'abstract' | 'note';
const textFields: TextField[] = ['type', 'title', 'container-title', 'volume', 'issue', 'number', 'page', 'publisher', 'DOI', 'PMID', 'PMCID', 'ISBN', 'URL', 'abstract', 'note'];
const nameFields = ['author', 'editor'] as const;
const nameParts = ['family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix', 'literal'] as const;

/** The item's key: its `id`, else its `citation-key`; undefined when it has neither as text or a number. */
export function cslKeyOf(raw: Record<string, unknown>): string | undefined {
  for (const candidate of [raw.id, raw['citation-key']]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
    if (typeof candidate === 'number' && Number.isFinite(candidate)) return String(candidate);
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function cslItemFrom(key: string, raw: Record<string, unknown>): CslItem {
  const item: CslItem = { id: key };
  for (const field of textFields) {
    const value = textOf(raw[field] ?? (field === 'DOI' ? raw.doi : undefined));
    if (value !== undefined) item[field] = value;
  }
  for (const field of nameFields) {
    const names = namesOf(raw[field]);
    if (names) item[field] = names;
  }
  const issued = dateOf(raw.issued);
  if (issued) item.issued = issued;
  const keyword = Array.isArray(raw.keyword) ? raw.keyword.map(textOf).filter(Boolean).join(', ') : textOf(raw.keyword);
  if (keyword) item.keyword = keyword;
  return item;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function namesOf(value: unknown): CslName[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: CslName[] = [];
  for (const raw of value) {
    if (typeof raw === 'string' && raw.trim()) {
      names.push({ literal: raw.trim() });
      continue;
    }
    if (!isRecord(raw)) continue;
    const name: CslName = {};
    for (const part of nameParts) {
      const text = textOf(raw[part]);
      if (text !== undefined) name[part] = text;
    }
    if (Object.keys(name).length > 0) names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** `{"date-parts": [[2019, 5]]}`, `{raw}`/`{literal}`, a string ("2019-05-01", EDTF), a year number, or CSL-YAML's old `[{year, month}]`. */
function dateOf(value: unknown): CslDate | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { 'date-parts': [[value]] };
  if (typeof value === 'string') return dateFromText(value);
  if (Array.isArray(value)) {
    const parts = value.filter(isRecord).map((part) => [part.year, part.month, part.day].map(Number).filter((number) => Number.isInteger(number) && number !== 0));
    const usable = parts.filter((part) => part.length > 0);
    return usable.length > 0 ? { 'date-parts': usable } : undefined;
  }
  if (!isRecord(value)) return undefined;
  const date: CslDate = {};
  const rawParts = value['date-parts'];
  if (Array.isArray(rawParts)) {
    const parts = rawParts
      .filter(Array.isArray)
      .map((part) => (part as unknown[]).slice(0, 3).map((number) => Number(number)))
      .map((part) => {
        const end = part.findIndex((number) => !Number.isInteger(number));
        return end === -1 ? part : part.slice(0, end);
      })
      .filter((part) => part.length > 0);
    if (parts.length > 0) date['date-parts'] = parts;
  }
  const literal = textOf(value.literal);
  const raw = textOf(value.raw);
  if (literal) date.literal = literal;
  if (raw) {
    date.raw = raw;
    if (!date['date-parts']) {
      const parsed = dateFromText(raw);
      if (parsed['date-parts']) date['date-parts'] = parsed['date-parts'];
    }
  }
  return Object.keys(date).length > 0 ? date : undefined;
}

function dateFromText(text: string): CslDate {
  const ranges = text
    .trim()
    .split('/')
    .map((part) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(part.trim()));
  if (ranges[0]) {
    return { 'date-parts': ranges.filter((match): match is RegExpExecArray => match !== null).map((match) => match.slice(1).filter((part) => part !== undefined).map(Number)) };
  }
  return { raw: text.trim() };
}

/**
 * Adds one CSL item (JSON or YAML) to `references`, or says why not: no id (nothing could cite it) or an id seen
 * before (the first one is kept). `seen` maps each id to the line of the item that has it.
 */
export function acceptCslItem(
  raw: Record<string, unknown>,
  index: number,
  location: SourceLocation,
  source: ReferenceSource,
  seen: Map<string, number>,
  references: Reference[],
): SourceProblem | undefined {
  const key = cslKeyOf(raw);
  if (key === undefined) {
    const title = typeof raw.title === 'string' ? ` ("${raw.title.slice(0, 60)}")` : '';
    return { location, severity: 'error', code: 'bad-entry', message: `item ${index + 1}${title} has no "id", so nothing can cite it; it is skipped` };
  }
  const firstLine = seen.get(key);
  if (firstLine !== undefined) {
    return { location, severity: 'warning', code: 'duplicate-key', message: `duplicate id ${key}: the item on line ${firstLine + 1} already has it; this one is ignored` };
  }
  seen.set(key, location.line);
  references.push({ source, key, item: cslItemFrom(key, raw), location });
  return undefined;
}
