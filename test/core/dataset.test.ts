/**
 * The review dataset and its provider: data/review.json against its schema and its own integrity rules, spot checks of
 * the printed references, and the provider's lookups, term mentions, topic scores, citations and error reporting.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import raw from '../../data/review.json';
import schema from '../../data/review.schema.json';
import { createDataset, DatasetError, type Dataset, type MentionForm } from '../../server/src/core/dataset';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import type { Area, ReviewDataset, TermEntry } from '../../server/src/core/datasetTypes';

const data = raw as unknown as ReviewDataset;
const termLists = ['factors', 'componentClasses', 'evTypes', 'concepts'] as const;
const areaLists = ['therapeuticAreas', 'routes', 'challenges', 'medicalUses'] as const;
const allTerms: TermEntry[] = termLists.flatMap((list) => data[list]);
const allAreas: Area[] = areaLists.flatMap((list) => data[list]);

/** The key rule of data/README.md, computed independently of the data. */
function computeKeys(references: ReviewDataset['references']): string[] {
  const bases = references.map(
    (reference) =>
      reference.firstAuthor
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]/g, '') + String(reference.year),
  );
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  const seen = new Map<string, number>();
  return bases.map((base) => {
    if (counts.get(base) === 1) return base;
    const index = seen.get(base) ?? 0;
    seen.set(base, index + 1);
    return base + String.fromCharCode(97 + index);
  });
}

function expandGroup(group: string): number[] {
  const match = /^\[(\d+)(?:-(\d+))?\]$/.exec(group);
  assert.ok(match, `citation group ${group}`);
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

describe('data/review.json', () => {
  describe('schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(schema);

    it('validates against data/review.schema.json', () => {
      const valid = validate(raw);
      assert.equal(valid, true, ajv.errorsText(validate.errors, { separator: '\n' }));
    });

    const breakages: Array<[string, (copy: any) => void]> = [
      ['an unknown top-level field', (copy) => (copy.extra = [])],
      ['an unknown reference field', (copy) => (copy.references[0].doi = '10.1/x')],
      ['reference number 55', (copy) => (copy.references[53].number = 55)],
      ['reference number 0', (copy) => (copy.references[0].number = 0)],
      ['a key with capitals', (copy) => (copy.references[44].key = 'Caseiro2019')],
      ['a key with a hyphen', (copy) => (copy.references[30].key = 'gonzalez-gonzalez2020')],
      ['a strength outside the enum', (copy) => (copy.statements[0].strength = 'proven')],
      ['a polarity outside the enum', (copy) => (copy.statements[0].polarity = 'up')],
      ['a statement citing [0]', (copy) => (copy.statements[0].refs = [0])],
      ['a statement without quote', (copy) => delete copy.statements[0].quote],
      ['a term without variants', (copy) => delete copy.factors[0].variants],
      ['an upper-case cue', (copy) => (copy.topics[0].cues = ['Wound'])],
      ['seven challenges', (copy) => copy.challenges.pop()],
      ['a year as a string', (copy) => (copy.references[0].year = '2000')],
    ];
    for (const [name, breakIt] of breakages) {
      it(`rejects ${name}`, () => {
        const copy = structuredClone(raw);
        breakIt(copy);
        assert.equal(validate(copy), false);
      });
    }
  });

  describe('integrity', () => {
    it('numbers the references exactly 1..54, in order', () => {
      assert.deepEqual(
        data.references.map((reference) => reference.number),
        Array.from({ length: 54 }, (_, index) => index + 1),
      );
    });

    it('keys follow the rule <first author surname><year>, folded to lower-case ASCII, and are unique', () => {
      const keys = data.references.map((reference) => reference.key);
      assert.deepEqual(keys, computeKeys(data.references));
      assert.equal(new Set(keys).size, keys.length);
    });

    it('takes every first author from the printed author list', () => {
      for (const reference of data.references) {
        assert.ok(reference.authors.includes(reference.firstAuthor), `[${reference.number}] ${reference.firstAuthor}`);
      }
    });

    it('cites each reference in a printed group that contains its number', () => {
      for (const reference of data.references) {
        assert.ok(expandGroup(reference.citedIn).includes(reference.number), `[${reference.number}] in ${reference.citedIn}`);
      }
    });

    it('cites only existing references', () => {
      const numbers = new Set(data.references.map((reference) => reference.number));
      const citing: Array<{ where: string; refs: number[] }> = [
        ...data.statements.map((statement) => ({ where: `statement ${statement.id}`, refs: statement.refs })),
        ...allTerms.map((term) => ({ where: `term ${term.id}`, refs: term.refs })),
        ...allAreas.map((area) => ({ where: `area ${area.id}`, refs: area.refs })),
      ];
      for (const { where, refs } of citing) {
        for (const number of refs) assert.ok(numbers.has(number), `${where} cites [${number}]`);
      }
    });

    it('cites every reference in at least one statement or area', () => {
      const cited = new Set([...data.statements, ...allAreas].flatMap((item) => item.refs));
      const uncited = data.references.filter((reference) => !cited.has(reference.number)).map((reference) => reference.number);
      assert.deepEqual(uncited, []);
    });

    it('gives each statement the whole printed group it cites', () => {
      const groups = new Set(data.references.map((reference) => reference.citedIn));
      for (const statement of data.statements) {
        const group = `[${statement.refs[0]}${statement.refs.length > 1 ? `-${statement.refs[statement.refs.length - 1]}` : ''}]`;
        assert.ok(groups.has(group), `${statement.id} cites ${group}, not a printed group`);
        assert.deepEqual(statement.refs, expandGroup(group), statement.id);
      }
    });

    it('names only existing statements', () => {
      const ids = new Set(data.statements.map((statement) => statement.id));
      assert.equal(ids.size, data.statements.length, 'statement ids are unique');
      for (const entry of [...allTerms, ...allAreas]) {
        for (const id of entry.statements) assert.ok(ids.has(id), `${entry.id} lists ${id}`);
      }
    });

    it('lists every statement in the entry of its subject', () => {
      const entries = new Map([...allTerms, ...allAreas].map((entry) => [entry.id, entry]));
      assert.equal(entries.size, allTerms.length + allAreas.length, 'term and area ids are unique together');
      for (const statement of data.statements) {
        const subject = entries.get(statement.subject);
        assert.ok(subject, `${statement.id}: subject ${statement.subject}`);
        assert.ok(subject.statements.includes(statement.id), `${subject.id} lists ${statement.id}`);
      }
    });

    it('uses only defined topics', () => {
      const topics = new Set(data.topics.map((topic) => topic.id));
      assert.equal(topics.size, data.topics.length, 'topic ids are unique');
      for (const item of [...data.references, ...data.statements]) {
        for (const topic of item.topics) assert.ok(topics.has(topic), `${'id' in item ? item.id : item.number}: ${topic}`);
      }
    });

    it('gives subtypes an existing parent and spellings to one term only', () => {
      const ids = new Set(allTerms.map((term) => term.id));
      const owners = new Map<string, string>();
      for (const term of allTerms) {
        if (term.parent) assert.ok(ids.has(term.parent), `${term.id}.parent`);
        for (const spelling of [term.canonical, ...term.variants, ...(term.confusions ?? [])]) {
          const owner = owners.get(spelling.toLowerCase());
          assert.ok(owner === undefined || owner === term.id, `${spelling}: ${owner} and ${term.id}`);
          owners.set(spelling.toLowerCase(), term.id);
        }
        if (term.fullName) assert.ok(term.variants.includes(term.fullName), `${term.id}: full name among variants`);
      }
    });

    it('keeps quotes and titles free of Markdown and LaTeX markup', () => {
      for (const text of [...data.statements.map((statement) => statement.quote), ...data.references.map((reference) => reference.title)]) {
        assert.doesNotMatch(text, /[*$\\]/, text);
      }
    });
  });

  describe('spot checks of the printed review', () => {
    const cases: Array<[number, Partial<ReviewDataset['references'][number]>]> = [
      [1, { key: 'tjalsma2000', journal: 'Microbiol. Mol. Biol. Rev.', volume: '64', pages: '515-547', issue: undefined }],
      [2, { key: 'erik2013', firstAuthor: 'Erik', volume: '4', issue: '9', pages: '1-6' }],
      [14, { key: 'liu2018', volume: '9', issue: '7', pages: '1-14' }],
      [16, { key: 'konala2016', journal: 'Cytherapy', volume: '18', pages: '13–24' }],
      [17, { key: 'sukmawati2023', journal: 'Journal of Multidisciplinary Healthcare', volume: '16', pages: '1763–177' }],
      [18, { key: 'muller2021', firstAuthor: 'Müller', authors: 'Müller T' }],
      [31, { key: 'gonzalezgonzalez2020', firstAuthor: 'González-González', journal: 'World J Stem Cells', pages: '1529-1552' }],
      [32, { key: 'yanezmo2015', firstAuthor: 'Yáñez-Mó' }],
      [42, { key: 'teixeira2020', firstAuthor: 'Teixeira', authors: 'Fábio G. Teixeira, and António J. Salgado' }],
      [45, { key: 'caseiro2019', year: 2019, journal: 'PLoS ONE', volume: '14', issue: '11', pages: '1-33', citedIn: '[44-45]' }],
      [47, { key: 'basconesmartinez2014', journal: 'Med. Oral Patol. Oral Cir. Bucal', pages: 'e24-e31' }],
      [50, { key: 'abdkakhar2023', firstAuthor: 'Abd. Kakhar', authors: 'Abd. Kakhar U' }],
      [54, { key: 'liangyun2023', journal: 'Cells', volume: '12', issue: '7', pages: '1-29' }],
    ];
    for (const [number, expected] of cases) {
      it(`[${number}] ${expected.key}`, () => {
        const reference = data.references[number - 1];
        for (const [field, value] of Object.entries(expected)) {
          assert.equal((reference as unknown as Record<string, unknown>)[field], value, `[${number}].${field}`);
        }
      });
    }

    it('[14] writes the source\'s NF- $\\kappa$ B as NF-κB', () => {
      assert.match(data.references[13].title, /TLR4\/NF-κB signaling pathway/);
    });

    it('[17] is the phase 2 clinical trial, and only wound healing rests on a clinical trial', () => {
      assert.match(data.references[16].title, /Phase 2 Clinical Trial$/);
      const trial = data.statements.filter((statement) => statement.strength === 'clinical-trial');
      assert.deepEqual(trial.map((statement) => statement.id), ['secretome-enhances-wound-healing']);
      assert.ok(trial[0].refs.includes(17));
    });

    it('the review metadata is as printed', () => {
      assert.deepEqual(
        [data.review.date, data.review.volume, data.review.issue, data.review.pages, data.review.doi],
        ['2025/02/25', '10', '2', '539-544', 'https://doi.org/10.5281/zenodo.14949822'],
      );
    });

    it('names the eight challenges of section V as printed', () => {
      assert.deepEqual(
        data.challenges.map((challenge) => challenge.name),
        [
          'Standardization and Consistency',
          'Scalability and Cost-Effectiveness',
          'Extraction and Refinement of Bioactive Molecules',
          'Safety and Efficacy Concerns',
          'Regulatory Framework',
          'Delivery Methods',
          'Disease-Specific Applications',
          'Patient Selection and Monitoring',
        ],
      );
    });

    it('marks what the review hedges ("may", "potentially") as under investigation, not reported', () => {
      for (const id of ['tgf-beta-induces-quiescence', 'secretome-biomarkers-indicate-treatment-response', 'niche-dysfunction-leads-to-disorders', 'applications-vary-by-disease']) {
        assert.equal(data.statements.find((statement) => statement.id === id)?.strength, 'under-investigation', id);
      }
      const hedge = /\b(may|might|could|potentially|possibly|suggests?|is thought to)\b/i;
      for (const statement of data.statements.filter((candidate) => candidate.strength === 'reported')) {
        assert.doesNotMatch(statement.quote, hedge, `${statement.id} is "reported" but its quote hedges`);
      }
      const tgf = data.factors.find((factor) => factor.id === 'tgf-beta')!;
      assert.ok(tgf.roles?.includes('may induce stem cell quiescence'), String(tgf.roles));
      assert.ok(!tgf.roles?.includes('induces stem cell quiescence'));
    });

    checksQuotesAgainstTheReviewText();

    it('marks the role in cancer and safety and efficacy as under investigation', () => {
      for (const id of ['secretome-cancer-context-dependent', 'cancer-secretome-stimulates-tumor-growth', 'normal-secretome-inhibits-cancer-growth', 'safety-efficacy-under-investigation', 'optimal-route-not-established']) {
        assert.equal(data.statements.find((statement) => statement.id === id)?.strength, 'under-investigation', id);
      }
    });
  });
});

describe('the dataset provider', () => {
  let dataset: Dataset;
  before(() => {
    dataset = loadBundledDataset();
  });

  describe('lookups', () => {
    it('loads the bundled dataset once', () => {
      assert.equal(loadBundledDataset(), dataset);
    });

    it('sorts references by number even when the JSON does not', () => {
      const shuffled = structuredClone(raw) as unknown as ReviewDataset;
      shuffled.references.reverse();
      const numbers = createDataset(shuffled).references.map((reference) => reference.number);
      assert.deepEqual(numbers, Array.from({ length: 54 }, (_, index) => index + 1));
    });

    it('finds references by number and by key', () => {
      assert.equal(dataset.reference(45)?.key, 'caseiro2019');
      assert.equal(dataset.referenceByKey('gonzalezgonzalez2020')?.number, 31);
      assert.equal(dataset.referenceByKey('Caseiro2019')?.number, 45);
      for (const missing of [0, 55, -1, 1.5, Number.NaN, 99999999]) assert.equal(dataset.reference(missing), undefined, String(missing));
      assert.equal(dataset.referenceByKey('nobody2000'), undefined);
    });

    it('answers statements by id, by entity and by cited reference', () => {
      assert.equal(dataset.statement('tgf-beta-induces-quiescence')?.subject, 'tgf-beta');
      assert.equal(dataset.statement('no-such-statement'), undefined);
      assert.deepEqual(
        dataset.statementsAbout('fgf').map((statement) => statement.id),
        ['fgf-promotes-proliferation', 'fgf-promotes-differentiation', 'fgf-promotes-angiogenesis'],
      );
      assert.deepEqual(
        dataset.statementsAbout('angiogenesis').map((statement) => statement.id),
        ['secretome-stimulates-cardiac-angiogenesis', 'fgf-promotes-angiogenesis', 'secretome-promotes-angiogenesis'],
      );
      assert.deepEqual(dataset.statementsCiting(49).map((statement) => statement.id), [
        'lack-of-regulatory-framework-hinders-adoption',
        'regulatory-guidelines-required',
      ]);
      assert.deepEqual(dataset.statementsAbout('nothing'), []);
      assert.deepEqual(dataset.statementsCiting(99), []);
    });

    it('puts every term and area in its category', () => {
      const count = (items: ReadonlyArray<{ category: string }>) =>
        Object.fromEntries([...new Set(items.map((item) => item.category))].map((category) => [category, items.filter((item) => item.category === category).length]));
      assert.deepEqual(count(dataset.terms), { factor: 4, component: data.componentClasses.length, ev: 4, concept: data.concepts.length });
      assert.deepEqual(count(dataset.areas), { 'therapeutic-area': 7, route: 4, challenge: 8, 'medical-use': 3 });
      assert.equal(dataset.term('tgf-beta')?.category, 'factor');
      assert.equal(dataset.term('exosomes')?.parent, 'extracellular-vesicles');
      assert.equal(dataset.area('intranasal')?.category, 'route');
      assert.equal(dataset.entity('scalability')?.id, 'scalability');
      assert.equal(dataset.topic('wound-healing')?.label, 'Wound healing');
    });
  });

  describe('findTermMentions', () => {
    type Expected = Array<[termId: string, form: MentionForm, written: string]>;
    const cases: Array<[string, Expected]> = [
      ['TGF-β may induce quiescence', [['tgf-beta', 'canonical', 'TGF-β'], ['quiescence', 'canonical', 'quiescence']]],
      ['TGFβ and TGF-beta', [['tgf-beta', 'variant', 'TGFβ'], ['tgf-beta', 'variant', 'TGF-beta']]],
      ['Transforming growth factor beta (TGF- $\\beta$ ) and', [['tgf-beta', 'variant', 'Transforming growth factor beta'], ['tgf-beta', 'canonical', 'TGF- $\\beta$']]],
      ['TGF-$\\beta$ and TGF-\\beta and TGF-\\(\\beta\\)', [['tgf-beta', 'canonical', 'TGF-$\\beta$'], ['tgf-beta', 'canonical', 'TGF-\\beta'], ['tgf-beta', 'canonical', 'TGF-\\(\\beta\\)']]],
      ['transforming\ngrowth factor-β', [['tgf-beta', 'variant', 'transforming\ngrowth factor-β']]],
      ['PGE2, PGE$_2$, PGE₂, PGE-2 and prostaglandin E2', [['pge2', 'canonical', 'PGE2'], ['pge2', 'canonical', 'PGE$_2$'], ['pge2', 'canonical', 'PGE₂'], ['pge2', 'variant', 'PGE-2'], ['pge2', 'variant', 'prostaglandin E2']]],
      ['FGF and BMPs; FGFs; BMP-2', [['fgf', 'canonical', 'FGF'], ['bmps', 'canonical', 'BMPs'], ['fgf', 'variant', 'FGFs'], ['bmps', 'variant', 'BMP']]],
      ['fibroblast growth factor (FGF)', [['fgf', 'variant', 'fibroblast growth factor'], ['fgf', 'canonical', 'FGF']]],
      ['Extracellular Vehicles:', [['extracellular-vesicles', 'confusion', 'Extracellular Vehicles']]],
      ['Extracellular vesicles (EVs) carry cargo; one EV', [['extracellular-vesicles', 'canonical', 'Extracellular vesicles'], ['extracellular-vesicles', 'variant', 'EVs'], ['extracellular-vesicles', 'variant', 'EV']]],
      ['exosomes, microvesicles, and apoptotic bodies', [['exosomes', 'canonical', 'exosomes'], ['microvesicles', 'canonical', 'microvesicles'], ['apoptotic-bodies', 'canonical', 'apoptotic bodies']]],
      ['mesenchymal stem cells (MSCs) in conditioned medium', [['mesenchymal-stem-cells', 'canonical', 'mesenchymal stem cells'], ['mesenchymal-stem-cells', 'variant', 'MSCs'], ['conditioned-medium', 'canonical', 'conditioned medium']]],
      ['Secretome therapy modifies the stem cell niche', [['secretome-therapy', 'canonical', 'Secretome therapy'], ['stem-cell-niche', 'canonical', 'stem cell niche']]],
      ['growth factors, cytokines, chemokines, metabolites and mitochondria', [['growth-factors', 'canonical', 'growth factors'], ['cytokines', 'canonical', 'cytokines'], ['chemokines', 'canonical', 'chemokines'], ['metabolites', 'canonical', 'metabolites'], ['mitochondria', 'canonical', 'mitochondria']]],
      ['every level of ev or evs; fgf and bmp in lower case; Tgf-beta', []],
      ['sEVs, TGF-β1, PGE20, FGFR, EVidence', []],
      ['', []],
    ];
    for (const [text, expected] of cases) {
      it(JSON.stringify(text), () => {
        const found = dataset.findTermMentions(text).map((mention) => [mention.term.id, mention.form, mention.written]);
        assert.deepEqual(found, expected);
      });
    }

    it('reports offsets in the caller\'s coordinates and the written text at them', () => {
      const text = 'We studied the EVs and TGF- $\\beta$ here.';
      const mentions = dataset.findTermMentions(text, 100);
      assert.deepEqual(
        mentions.map((mention) => [mention.start, mention.end, mention.spelling]),
        [[115, 118, 'EVs'], [123, 135, 'TGF-β']],
      );
      for (const mention of mentions) assert.equal(text.slice(mention.start - 100, mention.end - 100), mention.written);
    });

    it('survives binary garbage and a long single line', () => {
      let garbage = '';
      for (let index = 0; index < 20000; index++) garbage += String.fromCharCode((index * 7919) % 0xd7ff);
      assert.ok(Array.isArray(dataset.findTermMentions(garbage)));
      const line = 'exosomes '.repeat(100000);
      assert.equal(dataset.findTermMentions(line).length, 100000);
    });
  });

  describe('topicScores', () => {
    const cases: Array<[string, Record<string, number>]> = [
      ['The gel healed chronic wounds and diabetic ulcers.', { delivery: 1, 'wound-healing': 3 }],
      ['Burns and scars of the skin.', { skin: 3 }],
      ['Wound-healing and wound healing', { 'wound-healing': 2 }],
      ['FGF promotes angiogenesis and proliferation of stem cells.', { 'growth-factors': 1, angiogenesis: 1, 'proliferation-differentiation': 1 }],
      ['It reduced renal fibrosis in the kidneys.', { kidney: 2, fibrosis: 1 }],
      ['Cells proliferating and differentiating.', { 'proliferation-differentiation': 2 }],
      ['Intranasal administration reaches the CNS.', { 'route-of-administration': 2, 'nervous-system': 1 }],
      ['Nothing relevant here at all.', {}],
      ['', {}],
    ];
    for (const [text, expected] of cases) {
      it(JSON.stringify(text), () => {
        assert.deepEqual(Object.fromEntries(dataset.topicScores(text)), expected);
      });
    }
  });

  describe('citations', () => {
    const cases: Array<[number, string, string]> = [
      [
        45,
        'Caseiro et al. 2019, PLoS ONE',
        'Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al (2019) Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome. PLoS ONE. 14(11):1-33.',
      ],
      [
        18,
        'Müller 2021, Biologics: Targets and Therapy',
        "Müller T (2021) Viewpoint: Disease Modification and Cell Secretome Based Approaches in Parkinson's Disease: Are We on the Right Track? Biologics: Targets and Therapy. 15:307–316.",
      ],
      [
        4,
        'Stastna & Van Eyk 2012, Proteomics',
        'Stastna M and Van Eyk JE (2012) Secreted proteins as a fundamental source for biomarker discovery. Proteomics. 12(4-5):722-735.',
      ],
      [
        1,
        'Tjalsma et al. 2000, Microbiol. Mol. Biol. Rev.',
        'Tjalsma H, Bolhuis A, Jongbloed JD, Bron S, Van Dijk JM (2000) Signal peptide-dependent protein transport in Bacillus subtilis: a genome-based survey of the secretome. Microbiol. Mol. Biol. Rev. 64:515-547.',
      ],
      [42, 'Teixeira & Salgado 2020, Neural Regen Res', 'Fábio G. Teixeira, and António J. Salgado (2020) Mesenchymal stem cells secretome: current trends and future challenges. Neural Regen Res. 15(1):75-77.'],
      [51, 'Tran & Damaser 2015, Advanced Drug Delivery Reviews', 'Tran C and, Damaser MS (2015) Stem cells as drug delivery methods: Application of stem cell secretome for regeneration. Advanced Drug Delivery Reviews. 82(83):1-11.'],
      [50, 'Abd. Kakhar 2023, Adv Pharm Bull', "Abd. Kakhar U (2023) Stem Cell's Secretome Delivery Systems. Adv Pharm Bull. 13(2):244-258."],
      [24, 'Palmer et al. 2000, J. Comp. Neurol', 'Palmer TD, Willhoite AR, and Gage FH (2000) Vascular niche for adult hippocampal neurogenesis. J. Comp. Neurol. 425:479–494.'],
      [8, 'Wei & Jeroen 2024, Mol Cell Proteomics', 'Wei W and Jeroen K (2024) Secretome Analysis: Reading Cellular Sign Language to Understand Intercellular Communication. Mol Cell Proteomics. 23(1):1-19.'],
    ];
    for (const [number, short, full] of cases) {
      it(`[${number}] ${short}`, () => {
        const reference = dataset.reference(number);
        assert.ok(reference);
        assert.equal(dataset.shortCitation(reference), short);
        assert.equal(dataset.formatReference(reference), full);
      });
    }
  });

  describe('createDataset on malformed input', () => {
    const cases: Array<[string, (copy: any) => unknown, RegExp]> = [
      ['null', () => null, /\(the dataset\) must be an object \(got null\)/],
      ['an array', () => [], /\(the dataset\) must be an object \(got an array\)/],
      ['a string', () => 'review', /must be an object/],
      ['no references', (copy) => { delete copy.references; return copy; }, /references must be an array \(got nothing\)/],
      ['an empty reference list', (copy) => { copy.references = []; return copy; }, /references must not be empty/],
      ['a year written as text', (copy) => { copy.references[3].year = 'abc'; return copy; }, /references\[3\]\.year must be an integer \(got "abc"\)/],
      ['a repeated number', (copy) => { copy.references[1].number = 1; return copy; }, /references\[1\]\.number repeats reference number 1/],
      ['a malformed key', (copy) => { copy.references[44].key = 'Caseiro 2019'; return copy; }, /references\[44\]\.key must be a surname and year/],
      ['a missing title', (copy) => { delete copy.references[0].title; return copy; }, /references\[0\]\.title must be a non-empty string/],
      ['an unknown topic on a reference', (copy) => { copy.references[2].topics = ['astrology']; return copy; }, /references\[2\]\.topics\[0\] names topic "astrology"/],
      ['an unknown strength', (copy) => { copy.statements[5].strength = 'proven'; return copy; }, /statements\[5\]\.strength must be one of reported, preclinical/],
      ['a citation of [99]', (copy) => { copy.statements[0].refs = [1, 99]; return copy; }, /statements\[0\]\.refs\[1\] cites \[99\], which is not among the references/],
      ['a repeated statement id', (copy) => { copy.statements[1].id = copy.statements[0].id; return copy; }, /statements\[1\]\.id repeats the statement id/],
      ['an unknown subject', (copy) => { copy.statements[0].subject = 'unicorns'; return copy; }, /statements\[0\]\.subject names "unicorns", which is neither a term nor an area/],
      ['a term listing a missing statement', (copy) => { copy.factors[0].statements.push('gone'); return copy; }, /factors\[0\]\.statements\[3\] names statement "gone"/],
      ['two terms sharing a spelling', (copy) => { copy.factors[1].variants.push('FGF'); return copy; }, /factors\[1\] shares the spelling "FGF" with "fgf"/],
      ['an empty variant', (copy) => { copy.evTypes[0].variants.push(''); return copy; }, /evTypes\[0\]\.variants\[3\] must be a non-empty string/],
      ['a spelling of punctuation only', (copy) => { copy.evTypes[0].variants.push('--'); return copy; }, /evTypes\[0\] has a spelling without letters or digits/],
      ['an unknown parent', (copy) => { copy.evTypes[1].parent = 'vesicle-things'; return copy; }, /evTypes\[1\]\.parent names "vesicle-things", which is not a term/],
      ['an area citing [0]', (copy) => { copy.routes[0].refs = [0]; return copy; }, /routes\[0\]\.refs\[0\] cites \[0\]/],
      ['a missing review', (copy) => { delete copy.review; return copy; }, /review must be an object \(got nothing\)/],
    ];
    for (const [name, make, message] of cases) {
      it(`rejects ${name} with a DatasetError naming the field`, () => {
        assert.throws(
          () => createDataset(make(structuredClone(raw))),
          (error: unknown) => {
            assert.ok(error instanceof DatasetError, `expected a DatasetError, got ${String(error)}`);
            assert.match(error.message, /^Invalid review dataset: /);
            assert.match(error.message, message);
            return true;
          },
        );
      });
    }

    it('accepts the bundled data as is', () => {
      assert.doesNotThrow(() => createDataset(structuredClone(raw)));
    });
  });
});

/**
 * Every quote is the review's wording (test/fixtures/review-text.md): whole sentences or clauses that name their
 * subject, never a fragment a reader cannot place ("which play…", "It aids…"). A quote may drop a leading connective
 * ("Moreover, ") and then starts with a capital; " ... " marks words left out; "[…]" names what a pronoun stood for.
 */
function checksQuotesAgainstTheReviewText(): void {
  const reviewText = fs
    .readFileSync(path.join(__dirname, '../fixtures/review-text.md'), 'utf8')
    .replace(/<!--[\s\S]*?-->/, '')
    .replace(/ ?\$\\beta\$ ?/g, 'β')
    .replace(/\s+/g, ' ');
  const pieces = (quote: string) => quote.split(/ \.\.\. |\[[^\]]*\]/).map((piece) => piece.trim()).filter(Boolean);

  it('every quote is the wording of the review, in order', () => {
    for (const statement of data.statements) {
      let from = 0;
      for (const [index, piece] of pieces(statement.quote).entries()) {
        // The first word's capital may be the quote's own, where a connective ("Moreover, ") was dropped.
        const candidates = index === 0 ? [piece, piece.charAt(0).toLowerCase() + piece.slice(1)] : [piece];
        const at = Math.min(...candidates.map((candidate) => reviewText.indexOf(candidate, from)).filter((found) => found >= 0));
        assert.ok(Number.isFinite(at), `${statement.id}: “${piece}” is not in the review (after offset ${from})`);
        from = at + piece.length;
      }
      for (const [, named] of statement.quote.matchAll(/\[([^\]]*)\]/g)) {
        for (const word of named.split(/\s+/).map((written) => written.replace(/('s?|’s?)$/, '').replace(/[^\w-]/g, ''))) {
          assert.ok(reviewText.toLowerCase().includes(word.toLowerCase()), `${statement.id}: “[${named}]” uses “${word}”, not a word of the review`);
        }
      }
    }
  });

  it('no quote is a fragment: each starts with a capital and not with a pronoun or "which"', () => {
    for (const statement of data.statements) {
      const quote = statement.quote;
      assert.match(quote, /^(\[|[A-Z])/, `${statement.id} starts lower-case: “${quote}”`);
      // "It is important to …" is no pronoun for something the reader has not seen.
      if (/^It is \w+ (to|that)\b/.test(quote)) continue;
      assert.doesNotMatch(quote, /^(it|its|they|them|their|this|these|that|those|which|who|whose|he|she|we)\b/i, `${statement.id}: “${quote}”`);
    }
  });
}
