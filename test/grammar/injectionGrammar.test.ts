// The injection grammar (syntaxes/secretome.injection.tmLanguage.json) over VS Code's own Markdown and LaTeX grammars.
//
// Scope names, chosen so that themes colour them. Measured against the 65 themes of tm-themes 1.12.12: a theme
// colours a scope when one of its plain selectors is a prefix of it.
//   constant.numeric.citation.secretome  the numbers of [13], [11-18], [1, 3-5]      65/65 (Dark+, Light+, GitHub)
//   variable.other.citation.secretome    keys of [@key], @key, \cite{key}           59/65 (Dark+, Light+, GitHub)
//   support.type.factor.<id>.secretome   FGF, BMPs, TGF-β, PGE2                     62/65 (Dark+, Light+, GitHub)
//   support.class.vesicle.<id>.secretome extracellular vesicles, exosomes, …        58/65 (Dark+, Light+, GitHub)
// The LaTeX grammar's own constant.other.reference.citation.latex is coloured by 41/65 and by neither Dark+ nor
// Light+, and markup.underline.link by 46/65, so neither was used. <id> is the entry's id in data/review.json, which
// lets a theme or a test tell the factors apart.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ReviewDataset, TermEntry } from '../../server/src/core/datasetTypes';
import { createTokenizer, LATEX, MARKDOWN, Token, Tokenizer } from './grammarHost';

const OURS = /\.secretome$/;

interface Case {
  /** The host grammar's scope. */
  host: string;
  /** Text whose «marked» spans are checked; several lines are tokenized in order, like a document. */
  text: string;
  /** Every marked span is exactly covered by tokens carrying a scope that starts with this; null: none of ours. */
  scope: string | null;
}

const cases: Case[] = [
  // Numeric citations.
  { host: MARKDOWN, text: 'Secretome improves healing «[11-18]».', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: 'Secretome improves healing [«11»-«18»].', scope: 'constant.numeric.citation.secretome' },
  { host: MARKDOWN, text: 'Secretome improves healing [11«-»18].', scope: 'punctuation.separator.range.citation' },
  { host: MARKDOWN, text: 'As shown «[13]», it works.', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: 'Several [«1»«,» «3»–«5»] agree.', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: 'Several [1, «3»–«5»] agree.', scope: 'constant.numeric.citation.secretome' },
  { host: MARKDOWN, text: 'Several [1, 3«–»5] agree.', scope: 'punctuation.separator.range.citation.secretome' },
  { host: MARKDOWN, text: 'First line.\n«[27-29]» at the start of a continuation line.', scope: 'meta.citation.numeric' },
  { host: MARKDOWN, text: '- exosomes «[13]»', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: '> EVs carry cargo «[13]».', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: '# Exosomes «[13]»', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: '| Factor | Ref |\n|---|---|\n| BMPs | «[3]» |', scope: 'meta.citation.numeric.secretome' },
  { host: MARKDOWN, text: 'Out of range [«1»-«99999999»] stays one citation.', scope: 'constant.numeric.citation' },
  { host: LATEX, text: 'Exosomes heal «[13]» and [«14»--«16»].', scope: 'meta.citation.numeric.secretome' },
  // Not citations: Markdown links and code, LaTeX optional arguments, comments and math.
  { host: MARKDOWN, text: 'See the «[link](https://example.org)».', scope: null },
  { host: MARKDOWN, text: 'See «[13](https://example.org)».', scope: null },
  { host: MARKDOWN, text: 'See «[13][ref]».', scope: null },
  { host: MARKDOWN, text: '«[13]: https://example.org/exosomes»', scope: null },
  { host: MARKDOWN, text: 'Run `«[13] exosomes»` here.', scope: null },
  { host: MARKDOWN, text: '```\n«[13] TGF-β exosomes»\n```', scope: null },
  { host: MARKDOWN, text: '```js\n«const a = [13]; // exosomes»\n```', scope: null },
  { host: MARKDOWN, text: '<!-- «[13] exosomes» -->', scope: null },
  { host: MARKDOWN, text: 'Footnote[«^13»].', scope: null },
  { host: LATEX, text: '% «[13] exosomes TGF-β»', scope: null },
  { host: LATEX, text: '\\begin{itemize}\n\\item«[2]» first\n\\end{itemize}', scope: null },
  { host: LATEX, text: 'Math $x «[13]»$ here.', scope: null },
  { host: LATEX, text: '\\begin{verbatim}\n«[13] exosomes»\n\\end{verbatim}', scope: null },
  // Citation keys.
  { host: MARKDOWN, text: 'Shown before [@«caseiro2019»].', scope: 'variable.other.citation.secretome' },
  { host: MARKDOWN, text: 'Shown before «[@caseiro2019]».', scope: 'meta.citation.pandoc.secretome' },
  { host: MARKDOWN, text: 'Shown [see -@«caseiro2019», p. 3; @«mitchell2019»].', scope: 'variable.other.citation' },
  { host: MARKDOWN, text: 'As @«caseiro2019» showed.', scope: 'variable.other.citation.secretome' },
  { host: MARKDOWN, text: 'Write to «someone@example.org».', scope: null },
  { host: LATEX, text: 'Shown \\cite{«caseiro2019»}.', scope: 'variable.other.citation.secretome' },
  { host: LATEX, text: 'Shown \\citep[p.~3]{«caseiro2019», «mitchell2019»}.', scope: 'variable.other.citation.secretome' },
  { host: LATEX, text: 'Shown \\parencite*{«caseiro2019»} and \\textcite{«a»}.', scope: 'variable.other.citation' },
  { host: LATEX, text: 'Shown «\\cite»{caseiro2019}.', scope: 'keyword.control.cite.secretome' },
  // Factors and vesicles in context.
  { host: MARKDOWN, text: '«TGF-β» may induce quiescence.', scope: 'support.type.factor.tgf-beta.secretome' },
  { host: MARKDOWN, text: 'Secretome contains «FGF» and «BMPs».', scope: 'support.type.factor' },
  { host: MARKDOWN, text: 'Anti-«TGF-β» antibodies.', scope: 'support.type.factor.tgf-beta.secretome' },
  { host: MARKDOWN, text: '# «Exosomes» in wound healing', scope: 'support.class.vesicle.exosomes.secretome' },
  { host: MARKDOWN, text: 'Some **«exosomes» [13]** and *«TGF-β»* and <span>«BMPs»</span>.', scope: 'support' },
  { host: MARKDOWN, text: 'Some **exosomes [«13»]** here.', scope: 'constant.numeric.citation.secretome' },
  { host: LATEX, text: '\\section{«TGF-$\\beta$» and «PGE$_2$»}', scope: 'support.type.factor' },
  { host: LATEX, text: 'Cells release «exosomes» \\cite{a}.', scope: 'support.class.vesicle.exosomes.secretome' },
  { host: LATEX, text: '\\emph{«apoptotic bodies»}', scope: 'support.class.vesicle.apoptotic-bodies.secretome' },
  // Words that only look like terms.
  { host: MARKDOWN, text: 'In Pandoc, «PGE~2~» is PGE2.', scope: 'support.type.factor.pge2.secretome' },
  { host: LATEX, text: 'Also «TGF-\\textbeta{}» and «transforming growth factor-$\\beta$».', scope: 'support.type.factor.tgf-beta' },
  // Words that only look like terms, and forms the review does not use (so the server would not know them either).
  { host: MARKDOWN, text: '«every» «EVERY» «Everest» «FGFR» «exosomeX» «BMPR2» «TGFR» «TGF» alone', scope: null },
  { host: MARKDOWN, text: '«bFGF», «exosomal» cargo, «sEVs», «TGF-β1»', scope: null },
  { host: MARKDOWN, text: 'Read «https://example.org/exosomes/EVs» today.', scope: null },
  { host: LATEX, text: '\\includegraphics{«exosomes.png»} \\label{«sec:exosomes»} \\ref{«fig:EVs»}', scope: null },
];

describe('grammar: the injection grammar over VS Code\'s Markdown and LaTeX grammars', () => {
  let tokenize: Tokenizer;

  before(async () => {
    tokenize = await createTokenizer();
  });

  for (const testCase of cases) {
    const hostName = testCase.host === MARKDOWN ? 'Markdown' : 'LaTeX';
    const title = `${hostName}: ${JSON.stringify(testCase.text)} → ${testCase.scope ?? 'nothing of ours'}`;
    it(title, () => checkCase(tokenize, testCase));
  }

  // Unclosed brackets, runs of separators and endless keys must not make a pattern backtrack without end; mocha's
  // timeout is the guard (speed itself is measured only in the benchmark).
  const pathological = [
    '[' + '1, '.repeat(30_000),
    '[' + '1-'.repeat(30_000) + ']',
    '[1-99999999]',
    '\\' + 'a'.repeat(100_000) + 'cite',
    '@' + 'a:'.repeat(50_000) + ':',
    '[' + 'x @'.repeat(30_000),
    'TGF '.repeat(25_000),
    'transforming growth factor '.repeat(4_000),
  ];
  for (const line of pathological) {
    it(`tokenizes a ${line.length}-character line opening ${JSON.stringify(line.slice(0, 12))} in full`, () => {
      for (const host of [MARKDOWN, LATEX]) {
        const tokens = tokenize(host, line);
        const covered = tokens.reduce((end, token) => (token.start === end ? end + token.text.length : -1), 0);
        assert.strictEqual(covered, line.length, `${host}: the tokens cover the line without gaps`);
      }
    });
  }

  describe('every factor and EV spelling in data/review.json is highlighted with its entry\'s scope', () => {
    const dataset = readDataset();
    if (dataset instanceof Error) {
      it('reads data/review.json', () => assert.fail(dataset));
      return;
    }
    const groups: Array<[string, TermEntry[]]> = [
      ['support.type.factor', dataset.factors],
      ['support.class.vesicle', dataset.evTypes],
    ];
    for (const [scopePrefix, entries] of groups) {
      for (const entry of entries) {
        const spellings = [...new Set([entry.canonical, ...entry.variants])];
        it(`${entry.id}: ${spellings.join(', ')}`, () => {
          for (const spelling of spellings) {
            for (const host of [MARKDOWN, LATEX]) {
              checkCase(tokenize, {
                host,
                text: `Evidence on «${spelling}» in wound healing.`,
                scope: `${scopePrefix}.${entry.id}.secretome`,
              });
            }
          }
        });
        if (!entry.confusions?.length) continue;
        it(`${entry.id}: known confusions stay plain (${entry.confusions.join(', ')})`, () => {
          for (const confusion of entry.confusions ?? []) {
            for (const host of [MARKDOWN, LATEX]) {
              checkCase(tokenize, { host, text: `Evidence on «${confusion}» in wound healing.`, scope: null });
            }
          }
        });
      }
    }
  });
});

/** The dataset, or the error that kept it from being read (reported as a failing test, not a crash while loading). */
function readDataset(): ReviewDataset | Error {
  const file = path.join(__dirname, '..', '..', 'data', 'review.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ReviewDataset;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

interface Span {
  line: number;
  start: number;
  end: number;
  text: string;
}

/** Removes the «» markers and says where each marked span lies. */
function parseMarkers(marked: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  const lines = marked.split('\n').map((markedLine, line) => {
    let plain = '';
    let open = -1;
    for (const character of markedLine) {
      if (character === '«') open = plain.length;
      else if (character === '»') {
        spans.push({ line, start: open, end: plain.length, text: plain.slice(open) });
        open = -1;
      } else plain += character;
    }
    return plain;
  });
  return { text: lines.join('\n'), spans };
}

function checkCase(tokenize: Tokenizer, testCase: Case): void {
  const { text, spans } = parseMarkers(testCase.text);
  assert.ok(spans.length > 0, 'a case marks at least one span');
  const tokens = tokenize(testCase.host, text);
  for (const span of spans) {
    const inside = tokens.filter(
      (token) => token.line === span.line && token.start < span.end && token.start + token.text.length > span.start,
    );
    const describe = (list: Token[]) => list.map((token) => `${JSON.stringify(token.text)} ${token.scopes.join(' ')}`).join('\n  ');
    if (testCase.scope === null) {
      const ours = inside.filter((token) => token.scopes.some((scope) => OURS.test(scope)));
      assert.deepStrictEqual(ours, [], `${JSON.stringify(span.text)} must carry none of our scopes:\n  ${describe(ours)}`);
      continue;
    }
    const first = inside[0];
    const last = inside[inside.length - 1];
    const boundaries = first && first.start === span.start && last.start + last.text.length === span.end;
    assert.ok(boundaries, `${JSON.stringify(span.text)} must be whole tokens, got:\n  ${describe(inside)}`);
    const expected = testCase.scope;
    const missing = inside.filter((token) => !token.scopes.some((scope) => scope === expected || scope.startsWith(`${expected}.`)));
    assert.deepStrictEqual(missing, [], `${JSON.stringify(span.text)} must carry ${expected}:\n  ${describe(missing)}`);
  }
}
