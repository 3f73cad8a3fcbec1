/** The direction lexicon as data, and how contradicted-claim reads directions, negation, harms and contexts with it. */
import * as assert from 'assert';
import { checkedDirectionLexicon, DIRECTION_LEXICON, directionLexiconProblems } from '../../server/src/core/claims/directionLexicon';
import { EFFECT_VERBS } from '../../server/src/core/claims/lexicon';
import { isHarm } from '../../server/src/core/claims/analysis';
import { lint, messageText } from './rulesSupport';

function contradictions(text: string): { statementId: string; message: string }[] {
  return lint(text)
    .diagnostics.filter((diagnostic) => diagnostic.code === 'contradicted-claim')
    .map((diagnostic) => ({ statementId: (diagnostic.data as { statementId: string }).statementId, message: messageText(diagnostic) }));
}

describe('direction lexicon: the data', () => {
  it('the shipped lexicon has no problems', () => {
    assert.deepStrictEqual(directionLexiconProblems(DIRECTION_LEXICON), []);
  });

  it('finds a verb in two directions, a malformed entry and an empty list', () => {
    const broken = { ...DIRECTION_LEXICON, decrease: [...DIRECTION_LEXICON.decrease, 'promote', 'Block!'], killing: [] };
    const problems = directionLexiconProblems(broken);
    assert.ok(problems.includes('"promote" is both increase and decrease'), problems.join('; '));
    assert.ok(problems.some((problem) => problem.includes('"Block!"')), problems.join('; '));
    assert.ok(problems.includes('killing: empty'), problems.join('; '));
    assert.throws(() => checkedDirectionLexicon(broken), /direction lexicon: /);
  });

  it('inflects its verbs, regular and irregular, with their direction', () => {
    const read = (form: string) => {
      const verb = EFFECT_VERBS.get(form);
      return verb && `${verb.lemma}:${verb.polarity}${verb.evaluative ? ':evaluative' : ''}`;
    };
    assert.strictEqual(read('worsens'), 'worsen:decrease:evaluative');
    assert.strictEqual(read('aggravated'), 'aggravate:decrease:evaluative');
    assert.strictEqual(read('recruited'), 'recruit:increase');
    assert.strictEqual(read('preserves'), 'preserve:increase');
    assert.strictEqual(read('fuelled'), 'fuel:increase');
    assert.strictEqual(read('abrogating'), 'abrogate:decrease');
    assert.strictEqual(read('impedes'), 'impede:decrease');
    assert.strictEqual(read('regulates'), 'regulate:neutral');
  });

  it('tells harms from benefits, and the death of a harm from a harm', () => {
    assert.ok(isHarm('fibrosis in the kidneys'));
    assert.ok(isHarm('tumor growth and metastasis'));
    assert.ok(isHarm('damage to cardiac cells'));
    assert.ok(!isHarm('apoptosis of cancer cells'));
    assert.ok(!isHarm('wound healing'));
    assert.ok(!isHarm('stem cell proliferation'));
  });
});

describe('contradicted-claim: directions read with the lexicon', () => {
  it('a verb that makes a harm worse opposes a statement that it is reduced, and quotes the statement', () => {
    const found = contradictions('The secretome aggravates fibrosis [33].');
    assert.deepStrictEqual(found.map((f) => f.statementId), ['secretome-antifibrotic']);
    assert.match(found[0].message, /^The review says the opposite about fibrosis: “[^”]*antifibrotic[^”]*” \[32-35\]\.$/);
  });

  it('a verb that makes a benefit worse opposes a statement that it is increased', () => {
    assert.deepStrictEqual(contradictions('Secretome therapy worsens kidney function [14].').map((f) => f.statementId), ['secretome-enhances-kidney-function']);
  });

  it('reads "fails to", "unable to" and "has little effect on" as negation', () => {
    assert.deepStrictEqual(contradictions('FGF fails to promote stem cell proliferation [27].').map((f) => f.statementId), ['fgf-promotes-proliferation']);
    assert.deepStrictEqual(contradictions('PGE2 is unable to inhibit inflammation [30].').map((f) => f.statementId), ['pge2-inhibits-inflammation']);
    assert.strictEqual(contradictions('The secretome has little effect on new blood vessel formation [35].').length, 1);
  });

  it('flags nothing where the sentence agrees with the review', () => {
    for (const text of [
      'The secretome prevents fibrosis [33].',
      'The secretome does not promote fibrosis [33].',
      'Secretome therapy preserves kidney function [14].',
      'FGF promotes stem cell proliferation [27].',
      'Clinical studies have shown that secretome gel shortens healing time for diabetic foot ulcers [11].',
    ]) {
      assert.deepStrictEqual(contradictions(text), [], text);
    }
  });

  it('holds a statement made in a context only to sentences in that context', () => {
    assert.deepStrictEqual(contradictions('Secretome from cancer cells stimulates cancer cell growth [20].'), []);
    assert.deepStrictEqual(contradictions('Secretome derived from cancer cells suppresses apoptosis of cancer cells [22].'), []);
    assert.deepStrictEqual(
      contradictions('Secretome from normal cells promotes cancer cell growth [20].').map((f) => f.statementId),
      ['normal-secretome-inhibits-cancer-growth'],
    );
  });

  it('"without" negates only the -ing form right after it', () => {
    assert.deepStrictEqual(contradictions('The secretome reduced inflammation in the skin without impairing wound healing [11].'), []);
  });
});
