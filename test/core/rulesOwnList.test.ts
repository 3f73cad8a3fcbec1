/**
 * The rules in a manuscript with its own numbered reference list: `[n]` is the manuscript's entry n, never the
 * review's reference n. Fixtures: test/fixtures/ownlist (120 fictitious entries; a variant whose entry 7 is the
 * review's Caseiro et al. 2019, reference 45, as the review prints it).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { config, service } from './support';
import { actionsFor, applyAction, lint, messageText } from './rulesSupport';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/ownlist', name), 'utf8');
const plain = fixture('manuscript-120.md');
const withCaseiro = fixture('manuscript-120-caseiro.md');

/** The text with a paragraph added before its reference list. */
const withParagraph = (text: string, paragraph: string) => text.replace('## References', `${paragraph}\n\n## References`);
const ofCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((diagnostic) => diagnostic.code === code);

describe('rules: a manuscript with its own numbered reference list', () => {
  it('reads [n] in its own numbering: [99] is entry 99, [130] is past its 120 entries', () => {
    const { document, diagnostics } = lint(withParagraph(plain, 'Two more panels were compared [130] and [118-125].'), 'markdown');
    const unknown = ofCode(diagnostics, 'unknown-citation');
    assert.deepStrictEqual(
      unknown.map((diagnostic) => [document.getText(diagnostic.range), messageText(diagnostic)]),
      [
        ['130', "[130] is not in the manuscript's reference list (entries 1–120)."],
        ['118-125', "[118-125] reaches past the manuscript's reference list, whose entries run from 1 to 120."],
      ],
    );
  });

  it('lints an unchanged paragraph again when the reference list changes', () => {
    const text = withParagraph(plain, 'Two more panels were compared [130].');
    assert.strictEqual(ofCode(lint(text, 'markdown').diagnostics, 'unknown-citation').length, 1);
    const longer = `${text.trimEnd()}\n${Array.from({ length: 10 }, (_, i) => `${121 + i}. Example Z, Sample Y. Fictional study ${121 + i} of vesicle markers. Test J. 2021;2:${i + 1}.`).join('\n')}\n`;
    assert.deepStrictEqual(ofCode(lint(longer, 'markdown').diagnostics, 'unknown-citation'), []);
  });

  it('calls no citation of an entry the review lacks a mismatch, whatever the review cites its number for', () => {
    // [40] here is a fictitious paper; as the review's [40] it would not be one the review cites for purification.
    const { diagnostics } = lint(plain, 'markdown');
    assert.deepStrictEqual(ofCode(diagnostics, 'citation-mismatch'), []);
    assert.deepStrictEqual(ofCode(diagnostics, 'unknown-citation'), []);
  });

  it("offers no fix that cites the review's numbers as if they were the manuscript's", () => {
    const { document, diagnostics } = lint(plain, 'markdown');
    const unsupported = ofCode(diagnostics, 'unsupported-claim');
    assert.strictEqual(unsupported.length, 1);
    assert.match(document.getText(unsupported[0].range), /^Secretome therapy can promote cartilage repair/);
    assert.match(messageText(unsupported[0]), /\(the review's \[11-18\]\)\.$/);
    const inserted = actionsFor(document, unsupported[0])
      .filter((action) => action.title.startsWith('Cite '))
      .map((action) => applyAction(document, action).slice(document.offsetAt(unsupported[0].range.start), document.offsetAt(unsupported[0].range.end) + 12));
    // No entry of this list is one of the review's papers: nothing the review cites can be cited here.
    assert.deepStrictEqual(inserted.filter((text) => /\[11-18\]/.test(text)), []);
    for (const action of actionsFor(document, unsupported[0]).filter((candidate) => candidate.title.startsWith('Cite '))) {
      const number = Number(/\[(\d+)\]/.exec(action.title)?.[1]);
      assert.ok(number >= 1 && number <= 120, `${action.title} cites one of the manuscript's own entries`);
      assert.doesNotMatch(action.title, /the review's/, action.title);
    }
  });

  it('links entry 7 to the review\'s Caseiro et al. 2019: citing it for what the review cites Caseiro for is no mismatch', () => {
    const references = service().referencesFor(lint(withCaseiro, 'markdown').document, config());
    assert.strictEqual(references.numbering, 'own-list');
    assert.strictEqual(references.resolveNumber(7)?.reviewNumber, 45);
    const { document, diagnostics } = lint(withCaseiro, 'markdown');
    const mismatches = ofCode(diagnostics, 'citation-mismatch');
    assert.deepStrictEqual(mismatches.map((diagnostic) => document.getText(diagnostic.range)), ['The secretome derived from stem cells enhances wound healing [7].']);
  });

  it("names the review's references of a mismatch by author and as the review's, never as bare [11-18]", () => {
    const { document, diagnostics } = lint(withCaseiro, 'markdown');
    const [mismatch] = ofCode(diagnostics, 'citation-mismatch');
    const message = messageText(mismatch);
    assert.match(message, /^\[7\] \(Caseiro et al\. 2019\) does not support this in the review\. The review cites Udalamaththa et al\. 2020; Fei et al\. 2024; Ranganath et al\. 2012 and 5 more for this: “The secretome derived from stem cells/);
    assert.match(message, /\(the review's \[11-18\]\)/);
    // Every bracketed number in the message is either the writer's own [7] or prefixed as the review's.
    for (const match of message.matchAll(/(\S+\s)?\[(\d+(?:-\d+)?)\]/g)) {
      if (match[2] === '7' && match.index === 0) continue;
      assert.strictEqual(match[1], "review's ", `${match[0]} in: ${message}`);
    }
    // None of the manuscript's entries is one of [11-18]: the mismatch has no "Cite … instead" fix, only the disable one.
    assert.deepStrictEqual(actionsFor(document, mismatch).map((action) => action.title), ['Disable citation-mismatch for this line']);
  });

  it("cites the manuscript's own entry for the review's paper when fixing an unsupported claim", () => {
    const { document, diagnostics } = lint(withCaseiro, 'markdown');
    const claim = ofCode(diagnostics, 'unsupported-claim').find((diagnostic) => /^Studies have shown/.test(document.getText(diagnostic.range)))!;
    assert.ok(claim, 'the uncited purification sentence is unsupported');
    const [fix] = actionsFor(document, claim);
    assert.strictEqual(fix.title, "Cite [7], as the review does for this (the review's [44-45])");
    assert.strictEqual(fix.isPreferred, true);
    assert.match(applyAction(document, fix), /labor-intensive endeavor \[7\]\.\n/);
  });

  it('LaTeX with \\bibitem entries: the fix cites the bibitem key of the review\'s paper, once', () => {
    const text = [
      'Studies have shown that isolating and purifying bioactive molecules from secretomes is a challenging and labor-intensive endeavor.',
      '',
      'Earlier panels agree \\cite{cas, other}.',
      '\\begin{thebibliography}{9}',
      '\\bibitem{cas} Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al (2019) Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome. \\emph{PLoS ONE}. 14(11):1-33.',
      '\\bibitem{other} Example A. Fictional study 2 of vesicle markers. Test J. 2020;1:2.',
      '\\end{thebibliography}',
    ].join('\n');
    const { document, diagnostics } = lint(text, 'latex');
    assert.deepStrictEqual(ofCode(diagnostics, 'unknown-citation'), []);
    const [claim] = ofCode(diagnostics, 'unsupported-claim');
    const fixes = actionsFor(document, claim).filter((action) => action.title.startsWith('Cite '));
    assert.deepStrictEqual(fixes.map((action) => action.title), ["Cite \\cite{cas}, as the review does for this (the review's [44-45])"]);
    assert.match(applyAction(document, fixes[0]), /endeavor \\cite\{cas\}\.\n/);
  });

  it("reads the sample manuscript's [n] as its own two entries now that it has a reference list", () => {
    // test/fixtures/manuscripts/sample.md ends with "## References" (2 entries): [2] is its entry 2, [1-3] reaches past.
    const sample = fs.readFileSync(path.join(__dirname, '../fixtures/manuscripts/sample.md'), 'utf8');
    const { document, diagnostics } = lint(sample, 'markdown');
    const unknown = ofCode(diagnostics, 'unknown-citation').map((diagnostic) => document.getText(diagnostic.range));
    assert.deepStrictEqual(unknown, ['1-3', '8-10', '11–18', '27-29', '30', '31', '27', '36-39', '27-29', '30-31', 'ebrahimi2025', 'ebrahimi2025']);
    assert.deepStrictEqual(ofCode(diagnostics, 'citation-mismatch'), []);
  });
});

describe('rules: a draft without a reference list cites the review', () => {
  it("says which numbering [n] missed: the review's 54 references", () => {
    const { document, diagnostics } = lint('Secretome studies agree [55] and [50-60].', 'markdown');
    assert.deepStrictEqual(
      ofCode(diagnostics, 'unknown-citation').map((diagnostic) => [document.getText(diagnostic.range), messageText(diagnostic)]),
      [
        ['55', "[55] is not one of the review's 54 references (they run from 1 to 54)."],
        ['50-60', "[50-60] reaches past the review's references, which run from 1 to 54."],
      ],
    );
  });

  it('a key no bibliography defines says the document names none', () => {
    const { diagnostics } = lint('Secretome studies agree [@nobody1999].', 'markdown');
    assert.deepStrictEqual(ofCode(diagnostics, 'unknown-citation').map(messageText), [
      "No bibliography defines the key “nobody1999”: the document names no bibliography, and the review's keys are first author and year, e.g. “tjalsma2000”.",
    ]);
  });
});

describe('rules: keys from the writer\'s bibliography', () => {
  const id = 'file:///w/refs.bib';
  const source = { kind: 'bibliography' as const, id, label: 'refs.bib' };
  before(() => {
    service().setBibliography({
      source,
      references: [
        {
          source,
          key: 'caseiroPLOS',
          item: {
            id: 'caseiroPLOS',
            title: 'Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome',
            author: [{ family: 'Caseiro', given: 'A. R.' }, { family: 'Pedrosa', given: 'S. S.' }],
            issued: { 'date-parts': [[2019]] },
          },
        },
        { source, key: 'own2021', item: { id: 'own2021', title: 'A fictitious paper the review does not cite', issued: { 'date-parts': [[2021]] } } },
      ],
    });
  });
  after(() => service().removeBibliography(id));
  const withRefs = { sources: { bibliographyIds: [id] } };

  it("writes the bibliography's key for the review's paper in a fix, and the review's key for the others", () => {
    const text = 'Studies have shown that isolating and purifying bioactive molecules from secretomes is a challenging and labor-intensive endeavor. See [@own2021].';
    const { document, diagnostics } = lint(text, 'markdown', withRefs);
    const [claim] = ofCode(diagnostics, 'unsupported-claim');
    const [fix] = service().getCodeActions(document, claim.range, [claim], config(withRefs));
    const inserted = /endeavor (\[[^\]]+\])\./.exec(applyAction(document, fix))?.[1];
    assert.ok(inserted && /@caseiroPLOS/.test(inserted) && !/@caseiro2019/.test(inserted), inserted);
  });

  it('a key of the bibliography the review does not know is never a mismatch; unknown keys name the bibliography searched', () => {
    const text = 'The secretome derived from stem cells enhances wound healing [@own2021]. It also reduces scarring [@nobody1999].';
    const { diagnostics } = lint(text, 'markdown', withRefs);
    assert.deepStrictEqual(ofCode(diagnostics, 'citation-mismatch'), []);
    assert.deepStrictEqual(ofCode(diagnostics, 'unknown-citation').map(messageText), ['No bibliography defines the key “nobody1999”: refs.bib and the review do not have it.']);
  });

  it('a sentence that also cites a persistent identifier is never a mismatch: the review cannot judge what it cites', () => {
    const sentence = 'The secretome derived from stem cells enhances wound healing';
    assert.strictEqual(ofCode(lint(`${sentence} [@caseiro2019].`, 'markdown').diagnostics, 'citation-mismatch').length, 1);
    assert.deepStrictEqual(ofCode(lint(`${sentence} [@caseiro2019; @doi:10.1038/nbt.3300].`, 'markdown').diagnostics, 'citation-mismatch'), []);
  });

  it('re-lints when the bibliography is reloaded: a key it now defines is no longer unknown', () => {
    const text = 'Earlier work agrees [@late2022].';
    assert.strictEqual(ofCode(lint(text, 'markdown', withRefs).diagnostics, 'unknown-citation').length, 1);
    service().setBibliography({
      source,
      references: [{ source, key: 'late2022', item: { id: 'late2022', title: 'Added later' } }],
    });
    assert.deepStrictEqual(ofCode(lint(text, 'markdown', withRefs).diagnostics, 'unknown-citation'), []);
  });
});
