import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
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

describe('hover: citations', () => {
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
