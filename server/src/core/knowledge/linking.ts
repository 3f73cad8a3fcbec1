/**
 * Which of the writer's references are papers the review cites, so the review's evidence applies to them. Same DOI,
 * or the same normalised title (a differing subtitle allowed when the main title is long enough to be distinctive)
 * with the same first-author family name and year. A reference the review does not know stays unlinked: unknown to
 * the review is not a mismatch.
 */
import { foldText, normalisedMainTitle, normalisedTitle } from './text';
import type { CslItem, CslName, Reference } from './model';

/** A main title shorter than this many words ("Plant secretome proteomics") must match with its subtitle. */
const distinctiveMainTitleWords = 4;

export class ReviewLinks {
  private readonly byDoi = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();
  private readonly byMainTitle = new Map<string, number>();
  /** First-author family and year of every review paper: most items fail this cheap test before titles are compared. */
  private readonly authorYears = new Set<string>();

  constructor(reviewReferences: readonly Reference[]) {
    for (const reference of reviewReferences) {
      const number = reference.reviewNumber ?? reference.number;
      if (number === undefined) continue;
      const doi = reference.item.DOI;
      if (doi) this.byDoi.set(normalisedDoi(doi), number);
      const identity = identityOf(reference.item);
      if (!identity) continue;
      this.authorYears.add(`${identity.family}|${identity.year}`);
      this.byTitle.set(`${identity.title}|${identity.family}|${identity.year}`, number);
      if (identity.mainTitle) this.byMainTitle.set(`${identity.mainTitle}|${identity.family}|${identity.year}`, number);
    }
  }

  /** The review number of the paper this item describes, or undefined when the review does not cite it. */
  reviewNumberOf(item: CslItem): number | undefined {
    if (item.DOI) {
      const number = this.byDoi.get(normalisedDoi(item.DOI));
      if (number !== undefined) return number;
    }
    const first = item.author?.[0];
    const firstFamily = first && familyOf(first);
    if (!firstFamily || !this.authorYears.has(`${firstFamily}|${yearOf(item)}`)) return undefined;
    const identity = identityOf(item);
    if (!identity) return undefined;
    const { title, mainTitle, family, year } = identity;
    return (
      this.byTitle.get(`${title}|${family}|${year}`) ??
      this.byMainTitle.get(`${title}|${family}|${year}`) ??
      (mainTitle ? (this.byTitle.get(`${mainTitle}|${family}|${year}`) ?? this.byMainTitle.get(`${mainTitle}|${family}|${year}`)) : undefined)
    );
  }

  /** The references with `reviewNumber` set where they are the review's papers; unlinked ones are returned as given. */
  link(references: readonly Reference[]): Reference[] {
    return references.map((reference) => {
      if (reference.reviewNumber !== undefined) return reference;
      const reviewNumber = this.reviewNumberOf(reference.item);
      return reviewNumber === undefined ? reference : { ...reference, reviewNumber };
    });
  }
}

interface Identity {
  title: string;
  mainTitle?: string;
  family: string;
  year: number;
}

function identityOf(item: CslItem): Identity | undefined {
  const family = item.author?.[0] ? familyOf(item.author[0]) : undefined;
  const year = yearOf(item);
  if (!item.title || !family || year === undefined) return undefined;
  const main = normalisedMainTitle(item.title);
  const mainTitle = main && main.split(' ').length >= distinctiveMainTitleWords ? main : undefined;
  return { title: normalisedTitle(item.title), mainTitle, family, year };
}

/** The family name, folded, without spaces or hyphens ("González-González" → "gonzalezgonzalez"). */
export function familyOf(name: CslName): string | undefined {
  const family = name.family ?? name.literal;
  if (!family) return undefined;
  const particle = name['non-dropping-particle'] ? `${name['non-dropping-particle']} ` : '';
  return foldText(particle + family).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether two entries (a key defined in two bibliographies, say) are one paper: the same DOI, or the same title and
 * year (a preprint and its article, one with a DOI and one without). Entries that share neither count as different.
 */
export function samePaper(a: CslItem, b: CslItem): boolean {
  if (a.DOI && b.DOI && normalisedDoi(a.DOI) === normalisedDoi(b.DOI)) return true;
  if (!a.title || !b.title) return false;
  const year = yearOf(a);
  return year !== undefined && year === yearOf(b) && normalisedTitle(a.title) === normalisedTitle(b.title);
}

function yearOf(item: CslItem): number | undefined {
  return item.issued?.['date-parts']?.[0]?.[0] ?? yearFromText(item.issued?.literal ?? item.issued?.raw);
}

function yearFromText(text: string | undefined): number | undefined {
  const match = text ? /\b(\d{4})\b/.exec(text) : null;
  return match ? Number(match[1]) : undefined;
}

function normalisedDoi(doi: string): string {
  return doi.trim().toLowerCase().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/, '');
}
