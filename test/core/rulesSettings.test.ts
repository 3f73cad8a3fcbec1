/** Lint settings, inline disable comments, the diagnostics cap, quick fixes and bad input, through the core façade. */
import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { config, service } from './support';
import { configFromSettings } from '../../server/src/settings';
import { actionsFor, applyAction, codesOf, documentOf, lint, messageText } from './rulesSupport';

const claim = 'Secretome gels speed up the closure of burn wounds.';

describe('lint settings', () => {
  it('turns a rule off', () => {
    assert.deepStrictEqual(lint(claim, 'plaintext', { lint: { rules: { 'unsupported-claim': { enabled: false } } } }).diagnostics, []);
  });

  it('sets a rule severity', () => {
    const [d] = lint(claim, 'plaintext', { lint: { rules: { 'unsupported-claim': { severity: 'error' } } } }).diagnostics;
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
  });

  it('knows the keys of a user bibliography and of \\bibitem entries', () => {
    const text = 'The secretome accelerates wound healing \\cite{nobody1999}.';
    assert.deepStrictEqual(codesOf(lint(text, 'latex').diagnostics), ['unknown-citation']);
    const id = 'file:///w/nobody.bib';
    service().setBibliography({
      source: { kind: 'bibliography', id, label: 'nobody.bib' },
      references: [{ source: { kind: 'bibliography', id, label: 'nobody.bib' }, key: 'nobody1999', item: { id: 'nobody1999', title: 'A paper' } }],
    });
    assert.deepStrictEqual(lint(text, 'latex', { sources: { bibliographyIds: [id] } }).diagnostics, []);
    const elsewhere = lint(text.replace('nobody1999', 'other2000'), 'latex', { sources: { bibliographyIds: [id] } }).diagnostics;
    assert.deepStrictEqual(elsewhere.map(messageText), ['No bibliography defines the key “other2000”: nobody.bib and the review do not have it.']);
    service().removeBibliography(id);
    const withBibitem = `${text}\n\\begin{thebibliography}{9}\n\\bibitem[Nobody(1999)]{nobody1999} N. Nobody. A paper. 1999.\n\\end{thebibliography}`;
    assert.deepStrictEqual(lint(withBibitem, 'latex').diagnostics, []);
  });

  it('ignores settings of the wrong type', () => {
    const loose = { lint: { rules: { 'unsupported-claim': { enabled: 'no', severity: 'loud' } } } } as never;
    const [d] = lint(claim, 'plaintext', loose).diagnostics;
    assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
  });

  it('lints only the configured languages, and nothing when disabled', () => {
    assert.deepStrictEqual(lint(claim, 'latex', { lint: { languages: ['markdown'] } }).diagnostics, []);
    assert.strictEqual(lint(claim, 'markdown', { lint: { languages: ['markdown'] } }).diagnostics.length, 1);
    assert.deepStrictEqual(lint(claim, 'markdown', { lint: { enabled: false } }).diagnostics, []);
  });

  it('caps diagnostics at maxDiagnostics and says so in one more diagnostic', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Finding ${i}: ${claim}`).join('\n\n');
    const { diagnostics } = lint(text, 'markdown', { lint: { maxDiagnostics: 10 } });
    assert.strictEqual(diagnostics.length, 11);
    assert.strictEqual(diagnostics[10].code, 'too-many-diagnostics');
    assert.match(messageText(diagnostics[10]), /Showing 10 of more than 10/);
  });
});

describe('lint settings as the editor sends them', () => {
  const lintWith = (section: unknown, text = claim) => service().doValidate(documentOf(text, 'plaintext'), configFromSettings(section));

  it('secretome.lint.severity.<rule>: off turns the rule off; a severity sets it', () => {
    assert.deepStrictEqual(lintWith({ lint: { severity: { 'unsupported-claim': 'off' } } }), []);
    const [d] = lintWith({ lint: { severity: { 'unsupported-claim': 'hint' } } });
    assert.strictEqual(d.severity, DiagnosticSeverity.Hint);
  });

  it('"default" leaves the rule to the older secretome.lint.rules object, which keeps working', () => {
    const section = { lint: { severity: { 'unsupported-claim': 'default' }, rules: { 'unsupported-claim': { severity: 'error' } } } };
    assert.strictEqual(lintWith(section)[0].severity, DiagnosticSeverity.Error);
    assert.deepStrictEqual(lintWith({ lint: { rules: { 'unsupported-claim': { enabled: false } } } }), []);
    assert.strictEqual(lintWith({ lint: { severity: { 'unsupported-claim': 'default' } } })[0].severity, DiagnosticSeverity.Warning);
  });

  it('the dropdown wins over the object form, and an unknown value is ignored', () => {
    const section = { lint: { severity: { 'unsupported-claim': 'information' }, rules: { 'unsupported-claim': { enabled: false } } } };
    assert.strictEqual(lintWith(section)[0].severity, DiagnosticSeverity.Information);
    assert.strictEqual(lintWith({ lint: { severity: { 'unsupported-claim': 'loud' } } })[0].severity, DiagnosticSeverity.Warning);
  });

  it('package.json declares one dropdown per rule, with off and the four severities', () => {
    const manifest = require('../../package.json') as { contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: string }> } } };
    const { rules } = require('../../server/src/core/rules') as { rules: { code: string }[] };
    for (const { code } of rules) {
      const setting = manifest.contributes.configuration.properties[`secretome.lint.severity.${code}`];
      assert.ok(setting, `secretome.lint.severity.${code} is declared`);
      assert.deepStrictEqual(setting.enum, ['default', 'off', 'error', 'warning', 'information', 'hint']);
      assert.strictEqual(setting.default, 'default');
    }
  });
});

describe('lint: links from codes to the rules documentation', () => {
  it('each diagnostic links to <rulesDocumentation>#<code>', () => {
    const text = `${claim} TGFb inhibits stem cell proliferation [55].`;
    const { diagnostics } = lint(text, 'markdown', { lint: { rulesDocumentation: 'file:///ext/docs/rules.md' } });
    assert.ok(diagnostics.length >= 2);
    assert.deepStrictEqual(
      diagnostics.map((d) => d.codeDescription?.href),
      diagnostics.map((d) => `file:///ext/docs/rules.md#${d.code}`),
    );
  });

  it('no documentation, no link', () => {
    assert.ok(lint(claim).diagnostics.every((d) => d.codeDescription === undefined));
  });
});

describe('lint: inline disable comments', () => {
  it('Markdown disable-next-line for one rule', () => {
    const text = `<!-- secretome-disable-next-line unsupported-claim -->\n${claim}\n\n${claim}`;
    const { document, diagnostics } = lint(text, 'markdown');
    assert.deepStrictEqual(diagnostics.map((d) => d.range.start.line), [3]);
    assert.strictEqual(document.lineCount, 4);
  });

  it('disable-next-line for another rule leaves this one', () => {
    const text = `<!-- secretome-disable-next-line noncanonical-term -->\n${claim}`;
    assert.deepStrictEqual(codesOf(lint(text, 'markdown').diagnostics), ['unsupported-claim']);
  });

  it('a block silences its rules until enabled again; no list means every rule', () => {
    const text = `<!-- secretome-disable unsupported-claim -->\n${claim}\n\n${claim}\n\n<!-- secretome-enable unsupported-claim -->\n\n${claim}`;
    assert.deepStrictEqual(lint(text, 'markdown').diagnostics.map((d) => d.range.start.line), [7]);
    const all = `<!-- secretome-disable -->\nTGFb inhibits stem cell proliferation.\n\n<!-- secretome-enable -->\n\nTGFb inhibits stem cell proliferation.`;
    assert.deepStrictEqual([...new Set(lint(all, 'markdown').diagnostics.map((d) => d.range.start.line))], [5]);
  });

  it('LaTeX comments', () => {
    const text = `% secretome-disable-next-line\n${claim}\n\n${claim}`;
    assert.deepStrictEqual(lint(text, 'latex').diagnostics.map((d) => d.range.start.line), [3]);
  });
});

describe('lint: quick fixes', () => {
  it('inserts the supporting citation before the full stop', () => {
    const { document, diagnostics } = lint(claim);
    const actions = actionsFor(document, diagnostics[0]);
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.strictEqual(preferred.kind, 'quickfix');
    assert.strictEqual(applyAction(document, preferred), 'Secretome gels speed up the closure of burn wounds [11-18].');
    const single = actions.filter((action) => /^Cite \[\d+\] /.test(action.title));
    assert.ok(single.length >= 1, 'offers single references too');
    assert.ok(single.every((action) => /wounds \[\d+\]\.$/.test(applyAction(document, action))));
  });

  it('inserts \\cite{…} in LaTeX', () => {
    const { document, diagnostics } = lint('FGF encourages the proliferation of stem cells.', 'latex');
    const preferred = actionsFor(document, diagnostics[0]).find((action) => action.isPreferred)!;
    assert.strictEqual(applyAction(document, preferred), 'FGF encourages the proliferation of stem cells \\cite{fadilah2022,jayaraman2013,mintz2014}.');
  });

  it('writes the canonical term', () => {
    const { document, diagnostics } = lint('TGFb inhibits stem cell proliferation [30].');
    const fix = actionsFor(document, diagnostics[0]).find((action) => action.isPreferred)!;
    assert.strictEqual(applyAction(document, fix), 'TGF-β inhibits stem cell proliferation [30].');
    const confusion = lint('Extracellular vehicles transport proteins between cells [32].');
    const fixed = applyAction(confusion.document, actionsFor(confusion.document, confusion.diagnostics[0]).find((a) => a.isPreferred)!);
    assert.strictEqual(fixed, 'Extracellular vesicles transport proteins between cells [32].');
    const heading = lint('## Extracellular Vehicles in Repair', 'markdown');
    const retitled = applyAction(heading.document, actionsFor(heading.document, heading.diagnostics[0]).find((a) => a.isPreferred)!);
    assert.strictEqual(retitled, '## Extracellular Vesicles in Repair');
  });

  it('swaps a reversed range and removes a repeated entry', () => {
    const reversed = lint('The secretome enhances wound healing [18-11].');
    assert.strictEqual(applyAction(reversed.document, actionsFor(reversed.document, reversed.diagnostics[0])[0]), 'The secretome enhances wound healing [11-18].');
    const repeated = lint('The secretome reduces inflammation [13, 13].');
    assert.strictEqual(applyAction(repeated.document, actionsFor(repeated.document, repeated.diagnostics[0])[0]), 'The secretome reduces inflammation [13].');
  });

  const softenings: [string, string][] = [
    ['Secretome therapy cures chronic wounds [17].', 'Secretome therapy may cure chronic wounds [17].'],
    ['This trial proves that conditioned medium heals diabetic ulcers [17].', 'This trial suggests that conditioned medium heals diabetic ulcers [17].'],
    ['MSC exosomes always reduce inflammation in arthritic joints [16].', 'MSC exosomes often reduce inflammation in arthritic joints [16].'],
    ['The secretome is completely safe for patients [46].', 'The secretome may be safe for patients [46].'],
  ];
  for (const [before, after] of softenings) {
    it(`softens: ${before}`, () => {
      const { document, diagnostics } = lint(before);
      const overstated = diagnostics.find((d) => d.code === 'overstated-claim')!;
      assert.strictEqual(applyAction(document, actionsFor(document, overstated).find((a) => a.isPreferred)!), after);
    });
  }

  it('offers no softening that would put words in the writer\'s mouth ("guarantees" has no pure hedge)', () => {
    const { document, diagnostics } = lint('Exosome therapy guarantees full recovery after stroke [15].');
    const overstated = diagnostics.find((d) => d.code === 'overstated-claim')!;
    assert.deepStrictEqual(actionsFor(document, overstated).map((a) => a.title), ['Disable overstated-claim for this line']);
  });

  it('offers to disable the rule for the line, with the comment style of the language', () => {
    const markdown = lint(`Intro.\n\n  ${claim}`, 'markdown');
    const disable = actionsFor(markdown.document, markdown.diagnostics[0]).find((a) => a.title.startsWith('Disable'))!;
    const disabled = applyAction(markdown.document, disable);
    assert.strictEqual(disabled, `Intro.\n\n  <!-- secretome-disable-next-line unsupported-claim -->\n  ${claim}`);
    assert.deepStrictEqual(lint(disabled, 'markdown').diagnostics, [], 'the inserted comment silences the diagnostic');
    const latex = lint(claim, 'latex');
    const latexDisabled = applyAction(latex.document, actionsFor(latex.document, latex.diagnostics[0]).find((a) => a.title.startsWith('Disable'))!);
    assert.strictEqual(latexDisabled, `% secretome-disable-next-line unsupported-claim\n${claim}`);
    assert.deepStrictEqual(lint(latexDisabled, 'latex').diagnostics, []);
  });

  it('never edits text that changed since the diagnostic was computed', () => {
    const { diagnostics } = lint('TGFb inhibits stem cell proliferation [30].');
    const changed = TextDocument.create('file:///lint/changed.txt', 'plaintext', 2, 'TGFβ inhibits stem cell proliferation [30].');
    const actions = service().getCodeActions(changed, diagnostics[0].range, diagnostics, config());
    assert.deepStrictEqual(actions.map((a) => a.title), ['Disable noncanonical-term for this line']);
  });

  it('recomputes the fixes when the client dropped the diagnostic data', () => {
    const { document, diagnostics } = lint('TGFb inhibits stem cell proliferation [30].');
    const withoutData = { ...diagnostics[0], data: undefined };
    assert.ok(actionsFor(document, withoutData).some((a) => a.title.includes('TGF-β')));
  });
});

describe('lint: paragraph cache', () => {
  it('gives the same diagnostics after an edit as a fresh lint of the edited text', () => {
    const paragraphs = [claim, 'FGF suppresses stem cell proliferation [28].', 'TGFb inhibits stem cell proliferation [30].'];
    const before = paragraphs.join('\n\n');
    lint(before, 'markdown');
    const after = [paragraphs[0], 'FGF suppresses stem cell proliferation [27].', paragraphs[2], claim].join('\n\n');
    const edited = lint(after, 'markdown').diagnostics;
    assert.deepStrictEqual(
      edited.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['unsupported-claim', 0, 0, claim.length],
        ['contradicted-claim', 2, 0, 44],
        ['noncanonical-term', 4, 0, 4],
        ['unsupported-claim', 6, 0, claim.length],
      ],
    );
  });
});

describe('lint: bad input', () => {
  const inputs: [string, string][] = [
    ['binary garbage', Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65535)).join('')],
    ['a 5 MB single line', `${claim} `.repeat(100000)],
    ['unclosed brackets', '['.repeat(50000) + ' Exosomes cure everything ' + ']'.repeat(3)],
    ['an absurd range', 'The secretome works [1-99999999].'],
    ['only citations', Array.from({ length: 5000 }, (_, i) => `[${i}]`).join(' ')],
    ['a 100k-character word', 'x'.repeat(100000)],
  ];
  for (const [name, text] of inputs) {
    for (const language of ['markdown', 'latex', 'plaintext'] as const) {
      it(`${name} (${language}): no crash, at most maxDiagnostics + 2`, () => {
        const { diagnostics } = lint(text, language);
        // The cap's notice, and the budget's when the text goes past it (the 5 MB line does), come on top.
        const notices = diagnostics.filter((d) => d.code === 'too-many-diagnostics' || d.code === 'analysis-budget');
        assert.ok(diagnostics.length - notices.length <= 200, `${diagnostics.length} diagnostics`);
        assert.ok(notices.length <= 2 && new Set(notices.map((d) => d.code)).size === notices.length, 'each notice at most once');
        for (const d of diagnostics) assert.strictEqual(d.source, 'secretome');
      });
    }
  }

  it('reports an absurd range as unknown without expanding it', () => {
    const { document, diagnostics } = lint('The secretome works [1-99999999].');
    assert.deepStrictEqual(codesOf(diagnostics), ['unknown-citation']);
    assert.strictEqual(document.getText(diagnostics[0].range), '1-99999999');
  });

  it('documents of only citations flag the unknown numbers, capped', () => {
    const { diagnostics } = lint(documentOf('x').getText() + ' ' + Array.from({ length: 400 }, (_, i) => `[${i + 55}]`).join(' '));
    assert.strictEqual(diagnostics.length, 201);
  });
});
