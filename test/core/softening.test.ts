/**
 * The overstated-claim quick fix only hedges: the softened sentence says no more than the writer's own, with hedge
 * words (may, often, suggests, …) in place of certainty. It never adds an effect verb or an outcome ("well tolerated",
 * "support", "treating") that neither the writer nor the review wrote.
 */
import * as assert from 'assert';
import { CERTAINTY_CUES, EFFECT_VERBS, HEDGE_WORDS } from '../../server/src/core/claims/lexicon';
import { actionsFor, applyAction, lint } from './rulesSupport';

/** Sentences with overstatements, at least one for every certainty cue (a test below checks that). */
const overstated = [
  'The secretome is completely safe for patients [46].',
  'MSC exosomes were totally safe in the trial [17].',
  'A completely safe secretome gel heals chronic wounds [17].',
  'Secretome therapy cures chronic wounds [17].',
  'Diabetic ulcers are cured by secretome gels [17].',
  'Burns were cured by the stem cell secretome [11].',
  'The secretome cured the kidney injury in rats [14].',
  'Exosomes can cure Parkinson disease [18].',
  'Clinicians use the secretome to cure arthritis [16].',
  'This trial proves that conditioned medium heals diabetic ulcers [17].',
  'These studies prove that exosomes repair cartilage [12].',
  'The secretome has proven effective in heart repair [13].',
  'Exosome therapy guarantees full recovery after stroke [15].',
  'Secretome gels guarantee wound closure [17].',
  'Secretome therapy is guaranteed to heal burns [11].',
  'The secretome offers a guaranteed benefit for wounds [17].',
  'MSC exosomes always reduce inflammation in arthritic joints [16].',
  'Secretome therapy never causes immune reactions [46].',
  'Exosomes never caused tumor growth in mice [46].',
  'The secretome has never caused tumor growth [46].',
  'The secretome definitively improves cardiac function [13].',
  'Conditioned medium eliminates renal fibrosis [14].',
  'Secretome therapy has no side effects in patients [46].',
  'Secretome gels with no adverse events heal ulcers [17].',
  'Secretome therapy is risk-free for patients [46].',
  'The secretome is a miracle treatment for burns [11].',
  'The benefits of the secretome for wounds are undeniable [17].',
  'The secretome fully restores kidney function [14].',
  'Secretome therapy heals wounds in all patients [17].',
];

const words = (text: string) => text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
/** A crude stem, so "causes"/"cause" and "cures"/"cure" count as the writer's own word. */
const stem = (word: string) => word.replace(/(ing|es|ed|s|e|d)$/, '');

function softened(sentence: string): string[] {
  const { document, diagnostics } = lint(sentence);
  const found = diagnostics.filter((diagnostic) => diagnostic.code === 'overstated-claim');
  assert.ok(found.length > 0, `no overstated-claim in: ${sentence}`);
  return found.flatMap((diagnostic) =>
    actionsFor(document, diagnostic)
      .filter((action) => action.title.startsWith('Soften'))
      .map((action) => applyAction(document, action)),
  );
}

describe('softening an overstated claim', () => {
  it('has a sample sentence for every certainty cue', () => {
    for (const cue of CERTAINTY_CUES) {
      const pattern = new RegExp(cue.pattern.source, 'i');
      assert.ok(overstated.some((sentence) => pattern.test(sentence)), `no sample for ${cue.pattern}`);
    }
  });

  for (const sentence of overstated) {
    it(`adds nothing but hedge words: ${sentence}`, () => {
      const own = new Set(words(sentence).map(stem));
      for (const output of softened(sentence)) {
        const added = words(output).filter((word) => !own.has(stem(word)));
        assert.deepStrictEqual(added.filter((word) => !HEDGE_WORDS.has(word)), [], `“${output}” adds words`);
        const addedVerbs = added.filter((word) => EFFECT_VERBS.has(word));
        assert.deepStrictEqual(addedVerbs, [], `“${output}” adds an effect verb`);
      }
    });
  }

  const expected: [string, string][] = [
    ['Secretome therapy cures chronic wounds [17].', 'Secretome therapy may cure chronic wounds [17].'],
    ['The secretome is completely safe for patients [46].', 'The secretome may be safe for patients [46].'],
    ['Secretome therapy never causes immune reactions [46].', 'Secretome therapy may not cause immune reactions [46].'],
    ['Exosomes never caused tumor growth in mice [46].', 'Exosomes may not have caused tumor growth in mice [46].'],
    ['Conditioned medium eliminates renal fibrosis [14].', 'Conditioned medium may eliminate renal fibrosis [14].'],
    ['The secretome fully restores kidney function [14].', 'The secretome may restore kidney function [14].'],
    ['Secretome therapy has no side effects in patients [46].', 'Secretome therapy may have no side effects in patients [46].'],
    ['Secretome therapy is guaranteed to heal burns [11].', 'Secretome therapy is likely to heal burns [11].'],
  ];
  for (const [before, after] of expected) {
    it(`softens “${before}” to “${after}”`, () => assert.deepStrictEqual(softened(before), [after]));
  }

  it('offers no rewrite where no hedge keeps the writer\'s words ("guarantees"), but still flags it', () => {
    assert.deepStrictEqual(softened('Exosome therapy guarantees full recovery after stroke [15].'), []);
    // "A promising treatment" would be a judgement the writer did not make.
    assert.deepStrictEqual(softened('The secretome is a miracle treatment for burns [11].'), []);
    assert.deepStrictEqual(softened('The benefits of the secretome for wounds are undeniable [17].'), []);
  });

  it('underlines the certainty words, not the copula the fix rewrites', () => {
    const text = 'The secretome is completely safe for patients [46].';
    const { document, diagnostics } = lint(text);
    const found = diagnostics.find((diagnostic) => diagnostic.code === 'overstated-claim')!;
    assert.strictEqual(document.getText(found.range), 'completely safe');
  });
});
