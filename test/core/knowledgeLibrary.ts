/**
 * Generated libraries for the knowledge tests and benchmark: realistic CSL items (accented family names, long titles,
 * abstracts for half), from a seeded generator so every run sees the same library. The papers are made up: they
 * stand in for a writer's bibliography, never for the review's data.
 */
import type { CslItem, CslName, Reference, ReferenceSource } from '../../server/src/core/knowledge/model';
import { seededRandom } from '../support/seededRandom';
export { seededRandom };


const commonFamilies = [
  'Smith', 'Smit', 'Smithson', 'Schmidt', 'Türkmen', 'Trollebø', 'Müller', 'González', 'García-Sánchez', 'Šimić',
  'Nguyễn', 'Ødegård', 'Öztürk', 'Łukasik', 'Dvořák', 'Kovačević', 'Jørgensen', 'Björk', 'Núñez', 'Peña', 'Wang', 'Li',
  'Zhang', 'Chen', 'Liu', 'Kim', 'Park', 'Tanaka', 'Sato', 'Rossi', 'Russo', 'Ferrari', 'Silva', 'Santos', 'Costa',
  'Pereira', 'Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Thomas', 'Ivanova',
  'Petrov', 'Kowalski', 'Nowak', 'Novák', 'Horváth', 'Nagy', 'Papadopoulos', 'Yılmaz', 'Demir', 'Çelik', 'Şahin',
];
const syllables = 'ka ro mi sa te lu na vo ri be do fa gu hi jo ke la me ni po qu ra si tu va we xi yo za ber dal fen gor han'.split(' ');
const domainWords = (
  'secretome mesenchymal stem stromal cell cells derived exosomes extracellular vesicles conditioned medium therapy ' +
  'therapeutic regeneration regenerative wound healing skin kidney renal cardiac heart myocardial infarction neural ' +
  'neurodegenerative cartilage bone osteoarthritis tumour tumor cancer growth factor factors angiogenesis inflammation ' +
  'immunomodulation apoptosis proliferation differentiation fibrosis paracrine signalling proteomic proteomics analysis ' +
  'profiling biomarker biomarkers clinical trial preclinical model models mouse rat human umbilical cord adipose marrow ' +
  'dental pulp induced pluripotent delivery hydrogel scaffold injection intravenous intranasal local safety efficacy ' +
  'standardization scalability purification isolation characterization comparative review systematic meta novel ' +
  'approach approaches mechanism mechanisms pathway pathways expression response responses injury repair tissue ' +
  'engineering microvesicles apoptotic bodies cytokines chemokines lipids nucleic acids mirna microrna cargo uptake ' +
  'macrophage polarization endothelial fibroblast keratinocyte chondrocyte osteoblast neuron astrocyte microglia'
).split(' ');
const journals = ['Stem Cell Research & Therapy', 'PLoS ONE', 'Scientific Reports', 'Journal of Extracellular Vesicles', 'Biomaterials', 'Cells', 'Frontiers in Immunology', 'International Journal of Molecular Sciences'];

function pick<T>(random: () => number, items: readonly T[], skew = 1): T {
  return items[Math.floor(items.length * random() ** skew)];
}

function family(random: () => number): string {
  if (random() < 0.35) return pick(random, commonFamilies, 1.5);
  const count = 2 + Math.floor(random() * 2);
  const name = Array.from({ length: count }, () => pick(random, syllables)).join('');
  return name[0].toUpperCase() + name.slice(1);
}

/** A rare technical word, so the vocabulary grows with the library as real ones do. */
function rareWord(random: () => number): string {
  return Array.from({ length: 3 }, () => pick(random, syllables)).join('') + pick(random, ['in', 'ase', 'osis', 'ol', 'ide']);
}

function words(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => (random() < 0.08 ? rareWord(random) : pick(random, domainWords, 2)));
}

export function generateItem(random: () => number, id: string): CslItem {
  const authorCount = 1 + Math.floor(random() * 8);
  const titleWords = words(random, 8 + Math.floor(random() * 14));
  titleWords[0] = titleWords[0][0].toUpperCase() + titleWords[0].slice(1);
  const title = random() < 0.4 ? `${titleWords.slice(0, 6).join(' ')}: ${titleWords.slice(6).join(' ')}` : titleWords.join(' ');
  const item: CslItem = {
    id,
    type: 'article-journal',
    author: Array.from({ length: authorCount }, () => ({ family: family(random), given: `${pick(random, syllables)[0].toUpperCase()}.` })),
    issued: { 'date-parts': [[1990 + Math.floor(random() * 36)]] },
    title,
    'container-title': pick(random, journals),
    volume: String(1 + Math.floor(random() * 60)),
    page: `${1 + Math.floor(random() * 900)}`,
  };
  if (random() < 0.5) item.abstract = words(random, 120 + Math.floor(random() * 100)).join(' ') + '.';
  if (random() < 0.3) item.keyword = words(random, 4).join(', ');
  if (random() < 0.6) item.DOI = `10.${1000 + Math.floor(random() * 9000)}/gen.${id}`;
  return item;
}

export const generatedSource: ReferenceSource = { kind: 'bibliography', id: 'file:///library.bib', label: 'library.bib' };

/** `size` generated references with unique keys (`<family><year><n>`), from `seed`. */
export function generateLibrary(size: number, seed = 1, source: ReferenceSource = generatedSource): Reference[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, at) => {
    const item = generateItem(random, '');
    const first = item.author![0].family!;
    const key = `${first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}${item.issued!['date-parts']![0][0]}n${at}`;
    item.id = key;
    return { source, key, item };
  });
}

function bibtexName(name: CslName): string {
  return name.given ? `${name.family}, ${name.given}` : `{${name.family ?? name.literal}}`;
}

/** One generated CSL item written as BibTeX (UTF-8 text, as modern .bib files are). */
export function bibtexEntry(item: CslItem): string {
  const fields: [string, string | undefined][] = [
    ['author', item.author?.map(bibtexName).join(' and ')],
    ['title', item.title],
    ['journal', item['container-title']],
    ['year', String(item.issued?.['date-parts']?.[0]?.[0] ?? '')],
    ['volume', item.volume],
    ['pages', item.page],
    ['doi', item.DOI],
    ['keywords', item.keyword],
    ['abstract', item.abstract],
  ];
  const body = fields
    .filter(([, value]) => value)
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@article{${item.id},\n${body}\n}\n`;
}
