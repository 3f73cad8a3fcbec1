import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { config, documentWithCursor, service } from './support';

function hover(marked: string, languageId = 'markdown') {
  const { document, position } = documentWithCursor(marked, languageId);
  const result = service().doHover(document, position, config());
  if (!result) return undefined;
  const value = (result.contents as { value: string }).value;
  const range = result.range!;
  return { value, plain: value.replace(/\\(.)/g, '$1'), covered: document.getText(range) };
}

/** The review's printed reference list, one entry per number: authors as printed and the journal in italics. */
function printedReferences(): Map<number, { authors: string; year: string; journal: string }> {
  const file = path.join(__dirname, '../fixtures/review-references.md');
  const entries = new Map<number, { authors: string; year: string; journal: string }>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^- \[(\d+)\]\. (.+?) ?\((\d{4})\)/.exec(line);
    if (!match) continue;
    const italics = [...line.matchAll(/\*([^*]+)\*/g)].map((m) => m[1]);
    entries.set(Number(match[1]), { authors: match[2].trim(), year: match[3], journal: italics[italics.length - 1].replace(/\.$/, '') });
  }
  return entries;
}

describe('hover: factors and EV types', () => {
  const cases: [string, RegExp[]][] = [
    ['TGF|β may induce quiescence', [/transforming growth factor/i, /quiescence/i, /\[30-31\]|\[30, 31\]/]],
    ['TGF-b|eta inhibits', [/transforming growth factor/i]],
    ['TGF- $\\be|ta$ signalling', [/transforming growth factor/i]],
    ['transforming growth fa|ctor beta', [/TGF-β/]],
    ['F|GF and angiogenesis', [/fibroblast growth factor/i, /angiogenesis/i, /\[27-29\]/]],
    ['prostaglandin E|2 dampens', [/PGE2/, /inflammation/i]],
    ['Exo|somes carry cargo', [/exosome/i, /\[32-35\]/]],
    ['apoptotic bo|dies', [/apoptotic bodies/i]],
    ['Extracellular vehi|cles are', [/extracellular vesicles/]],
  ];
  for (const [marked, patterns] of cases) {
    it(marked, () => {
      const result = hover(marked);
      assert.ok(result, 'no hover');
      for (const pattern of patterns) assert.match(result.plain, pattern);
    });
  }

  it('covers exactly the term', () => {
    assert.strictEqual(hover('Signals such as TGF|β matter')?.covered, 'TGFβ');
  });

  it('shows nothing on ordinary words', () => {
    assert.strictEqual(hover('The re|sults were clear'), undefined);
  });
});

describe('hover: what the review says, said once and as the review says it', () => {
  const bullets = (value: string) => (value.split('**What the review says**')[1] ?? '').split('**References**')[0].split('\n').filter((line) => line.startsWith('- '));

  it('every term hover shows each quote once', () => {
    for (const term of loadBundledDataset().terms) {
      const text = `${term.canonical} here.`;
      const result = hover(`${term.canonical.slice(0, 1)}|${text.slice(1)}`);
      assert.ok(result, term.id);
      const quotes = bullets(result.plain).map((line) => line.replace(/ \[[\d, -]+\] \([^)]*\)$/, ''));
      assert.deepStrictEqual(quotes, [...new Set(quotes)], `${term.id} repeats a quote`);
      for (const quote of quotes) {
        assert.ok(!quotes.some((other) => other !== quote && other.includes(quote)), `${term.id}: “${quote}” is repeated inside a longer quote`);
      }
    }
  });

  it('TGF-β: the "may" of the review in roles and quotes, and its strength as the review words it', () => {
    const result = hover('TGF-|β matters')!;
    assert.match(result.plain, /\*\*Roles:\*\* .*may induce stem cell quiescence/);
    assert.doesNotMatch(result.plain, /; induces stem cell quiescence/);
    assert.match(result.plain, /- TGF-β may induce stem cell quiescence, .* \[30-31\] \(still under investigation\)/);
    assert.strictEqual(bullets(result.plain).length, 2);
  });

  it('an EV type names its kind once', () => {
    const result = hover('Exo|somes carry cargo')!;
    assert.doesNotMatch(result.plain, /extracellular vesicle type, extracellular vesicle type/);
    assert.match(result.plain, /\*extracellular vesicle type\*/);
  });

  it('a sentence-initial capital is the canonical form, not another spelling', () => {
    assert.doesNotMatch(hover('Exo|somes carry cargo')!.plain, /Written here as/);
    assert.doesNotMatch(hover('Secre|tome therapy helps.')!.plain, /Written here as/);
    assert.match(hover('Signals such as TGF|β matter')!.plain, /Written here as “TGFβ”; the canonical form is \*\*TGF-β\*\*/);
  });
});

describe('hover: citations', () => {
  it('[11-18] lists one line per reference, not eight full references', () => {
    const result = hover('Repair [11-|18].')!;
    const lines = result.plain.split('\n').filter((line) => /^\*\*\[\d+\]\*\*/.test(line));
    assert.deepStrictEqual(lines.map((line) => Number(/\[(\d+)\]/.exec(line)![1])), [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.match(result.plain, /\*\*\[11\]\*\* Udalamaththa 2020, Therapeutic uses of post-partum tissue-derived mesenchymal…/);
    assert.match(result.plain, /\*\*\[13\]\*\* Ranganath 2012, Harnessing the mesenchymal stem cell secretome…/);
    assert.doesNotMatch(result.plain, /Indian J Med Res|Cited in the review/, 'no full reference in a long range');
    assert.match(hover('Repair [1|1].')!.plain, /Indian J Med Res/, 'a single reference is shown in full');
  });

  it('[27-29] shows the three references in full', () => {
    const result = hover('Growth factors [27-|29] help.');
    assert.ok(result);
    assert.strictEqual(result.covered, '[27-29]');
    assert.match(result.plain, /\*\*\[27\]\*\* Fadilah NIMD/);
    assert.match(result.plain, /\*\*\[28\]\*\* Jayaraman P/);
    assert.match(result.plain, /\*\*\[29\]\*\* Mintz PJ/);
    assert.ok(!/\[30\]/.test(result.plain));
  });

  it('[1, 3-5] lists 1, 3, 4 and 5', () => {
    const result = hover('Known [1, 3|-5].');
    const shown = [...result!.plain.matchAll(/\*\*\[(\d+)\]\*\*/g)].map((m) => Number(m[1]));
    assert.deepStrictEqual(shown, [1, 3, 4, 5]);
  });

  it('a number outside 1..54 says it is not a reference', () => {
    assert.match(hover('See [5|5].')!.plain, /\[55\]\*\* is not a reference of the review/);
  });

  it('an absurd range is reported, not expanded', () => {
    const result = hover('See [1-9999|9999].')!;
    assert.match(result.plain, /spans 99,999,999 numbers/);
    assert.ok(result.plain.length < 5000);
  });

  it('a LaTeX key shows its reference, an unknown key says so', () => {
    assert.match(hover('\\cite{case|iro2019}', 'latex')!.plain, /Caseiro AR/);
    assert.match(hover('\\cite{nobo|dy1999}', 'latex')!.plain, /not the key of any/);
  });

  it('a Pandoc key shows its reference', () => {
    assert.match(hover('[@gonz|alezgonzalez2020]')!.plain, /González-González A/);
  });

  const printed = printedReferences();
  it('the fixture holds all 54 printed references', () => assert.strictEqual(printed.size, 54));
  for (const [number, expected] of printed) {
    it(`[${number}] shows its authors, year and journal as printed`, () => {
      const result = hover(`Cited [${number}|].`)!;
      assert.ok(result.plain.includes(expected.authors), `authors "${expected.authors}" not in:\n${result.plain}`);
      assert.ok(result.plain.includes(`(${expected.year})`), `year ${expected.year} not in:\n${result.plain}`);
      assert.ok(result.plain.includes(expected.journal), `journal "${expected.journal}" not in:\n${result.plain}`);
    });
  }
});
