/**
 * The lint rules through the core façade: each rule's example gets exactly its code on exactly its range, sentences
 * that are not claims get nothing, and messages speak in the review's terms.
 */
import * as assert from 'assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { marked } from './manuscriptMarkers';
import { codesOf, lint, messageText, type Language } from './rulesSupport';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { formatReferenceNumbers } from '../../server/src/core/format';
import { quoteStatement } from '../../server/src/core/rules/wording';

/** `«…»` marks the range the diagnostic must cover. */
function check(input: string, code: string, language: Language = 'plaintext'): Diagnostic {
  const { text, spans } = marked(input);
  const { document, diagnostics } = lint(text, language);
  assert.deepStrictEqual(codesOf(diagnostics), [code], `codes for ${text}: ${JSON.stringify(diagnostics.map(messageText))}`);
  assert.strictEqual(diagnostics.length, spans.length, `one diagnostic per marked span in ${input}`);
  diagnostics.forEach((diagnostic, index) => {
    assert.strictEqual(document.offsetAt(diagnostic.range.start), spans[index].start, `start of ${code} in ${input}`);
    assert.strictEqual(document.offsetAt(diagnostic.range.end), spans[index].end, `end of ${code} in ${input}`);
    assert.strictEqual(diagnostic.source, 'secretome');
  });
  return diagnostics[0];
}

describe('lint rules: the examples of each rule', () => {
  it('unsupported-claim underlines the sentence', () => {
    const d = check('Burns heal slowly. «Secretome gels speed up the closure of burn wounds.»', 'unsupported-claim');
    assert.match(messageText(d), /cites nothing/);
    assert.match(messageText(d), /\[11-18\]/, 'names the references the review gives for wound healing');
    assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
  });

  it('unknown-citation underlines the entry that is not a reference', () => {
    check('The secretome reduces fibrosis in the kidney [«55»].', 'unknown-citation');
    check('Exosomes promote angiogenesis [12, «71»].', 'unknown-citation');
    const d = check('The secretome accelerates wound healing \\cite{«nobody1999»}.', 'unknown-citation', 'latex');
    assert.match(messageText(d), /nobody1999/);
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
  });

  it('malformed-citation underlines the reversed, dangling, empty or repeated entry', () => {
    check('The secretome enhances wound healing [«18-11»].', 'malformed-citation');
    check('FGF promotes angiogenesis [«27-»].', 'malformed-citation');
    check('Exosomes carry proteins between cells «[]».', 'malformed-citation');
    check('The secretome reduces inflammation [13, «13»].', 'malformed-citation');
  });

  it("contradicted-claim quotes the review's statement and references", () => {
    const d = check('«FGF suppresses stem cell proliferation [28].»', 'contradicted-claim');
    assert.match(messageText(d), /opposite/);
    assert.match(messageText(d), /\[27-29\]/);
    assert.match(d.relatedInformation![0].message, /proliferation/);
  });

  it("contradicted-claim quotes the statement on the sentence's own topic", () => {
    const d = check('«The secretome increases fibrosis in the kidney [14].»', 'contradicted-claim');
    assert.match(messageText(d), /fibrosis in the kidneys/);
  });

  it('citation-mismatch names the references the review cites instead', () => {
    const d = check('«Embryonic stem cell microvesicles reprogram haematopoietic progenitors [40]»', 'citation-mismatch', 'markdown');
    assert.match(messageText(d), /\[33\]/);
    const fgf = check('«FGF promotes angiogenesis [45].»', 'citation-mismatch');
    assert.match(messageText(fgf), /\[27-29\]/);
  });

  it('overstated-claim words the evidence as the review does, and one way for every rule and hover', () => {
    const preclinical = check('Exosome therapy «guarantees» full recovery after stroke [15].', 'overstated-claim');
    assert.match(messageText(preclinical), /In the review this is from preclinical studies: “/);
    const hedged = check('TGF-β «always» induces stem cell quiescence [30].', 'overstated-claim');
    assert.match(messageText(hedged), /In the review this is still under investigation: “TGF-β may induce stem cell quiescence/);
    for (const message of [messageText(preclinical), messageText(hedged)]) {
      assert.doesNotMatch(message, /animal|in vitro|well tolerated|not settled/);
    }
  });

  it('noncanonical-term, like the hover, takes a sentence-initial capital for the canonical form', () => {
    for (const text of ['Exosomes carry proteins between cells [32].', 'Secretome therapy enhances wound healing [17].', 'Microvesicles transfer mRNA [33].']) {
      assert.deepStrictEqual(lint(text).diagnostics.filter((d) => d.code === 'noncanonical-term'), [], text);
    }
  });

  it('messages quote the review whole, never cut mid-sentence', () => {
    for (const statement of loadBundledDataset().statements) {
      assert.strictEqual(quoteStatement(statement), `“${statement.quote}” ${formatReferenceNumbers(statement.refs)}`, statement.id);
    }
  });

  it('citation-mismatch names at most three groups of references and counts the rest', () => {
    const d = check('«FGF promotes angiogenesis [1, 4, 8, 11, 19].»', 'citation-mismatch');
    const message = messageText(d);
    assert.strictEqual(message.match(/ cited for /g)?.length, 3, message);
    assert.match(message, / and 2 more\.\)$/);
    const range = messageText(check('«FGF promotes angiogenesis [11-16].»', 'citation-mismatch'));
    assert.strictEqual(range.match(/ cited for /g)?.length, 1, range);
    assert.match(range, /\[11-16\] are cited for therapeutic potential/);
  });

  it('overstated-claim underlines the overstating words', () => {
    const d = check('Exosome therapy «guarantees» full recovery after stroke [15].', 'overstated-claim');
    assert.match(messageText(d), /preclinical|early|investigation/);
    check('Secretome therapy «cures» chronic wounds [17].', 'overstated-claim');
    check('The secretome is «completely safe» for patients [46].', 'overstated-claim');
  });

  it('noncanonical-term underlines the term, at information level', () => {
    const d = check('«TGFb» inhibits stem cell proliferation [30].', 'noncanonical-term');
    assert.match(messageText(d), /TGF-β/);
    assert.strictEqual(d.severity, DiagnosticSeverity.Information);
    check('«Extracellular vehicles» transport proteins between cells [32].', 'noncanonical-term');
    check('«TGF-beta» induces stem cell quiescence [31].', 'noncanonical-term');
  });
});

describe('lint rules: what is not a claim', () => {
  const cases: [string, Language][] = [
    ['# Secretome therapy reduces inflammation', 'markdown'],
    ['Does the secretome reduce fibrosis in the kidney?', 'plaintext'],
    ['Here we outline how exosomes could be used in chronic wounds.', 'plaintext'],
    ['Figure 2 summarises the components of the MSC secretome.', 'plaintext'],
    ['We isolated EVs by ultracentrifugation.', 'plaintext'],
    ['Future trials should compare intravenous and local delivery.', 'plaintext'],
    ['\\begin{figure}\n\\caption{Exosomes reduce fibrosis in the kidney.}\n\\end{figure}', 'latex'],
    ['Text [1].\n\n## References\n\n1. Smith J. Exosomes reduce fibrosis. J Test. 2020.', 'markdown'],
    ['', 'plaintext'],
    ['[12] [13] [27-29]', 'plaintext'],
  ];
  for (const [text, language] of cases) {
    it(`nothing for ${JSON.stringify(text)}`, () => {
      assert.deepStrictEqual(lint(text, language).diagnostics.map(messageText), []);
    });
  }

  it('a cited claim that agrees with the review gets nothing', () => {
    assert.deepStrictEqual(lint('FGF encourages the proliferation of stem cells [27].').diagnostics, []);
    assert.deepStrictEqual(lint('The secretome stimulates collagen production in the skin \\cite{udalamaththa2020}.', 'latex').diagnostics, []);
  });

  it('the ordinary ways of writing a term are not non-canonical', () => {
    const text = 'EVs carry proteins [32]. BMP signalling drives bone formation [27]. PGE₂ dampens inflammation [30]. ' +
      'An apoptotic body is larger than a microvesicle [32]. Fibroblast growth factor promotes angiogenesis [27].';
    assert.deepStrictEqual(lint(text).diagnostics.map(messageText), []);
  });

  it('a citation after the full stop supports the sentence before it', () => {
    assert.deepStrictEqual(codesOf(lint('The secretome enhances wound healing. [17]').diagnostics), []);
  });
});
