/**
 * Claim linting over the protocol: the bundled server (`node dist/server.js --stdio`) publishes the diagnostics of
 * each rule's example, nothing for sentences that are not claims, honours settings, and answers with quick fixes.
 */
import * as assert from 'assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';

let counter = 0;

async function diagnosticsOf(client: LspClient, text: string, languageId = 'markdown'): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///lint-protocol/${++counter}.${languageId === 'latex' ? 'tex' : languageId === 'markdown' ? 'md' : 'txt'}`;
  await client.open(uri, languageId, text);
  return { uri, diagnostics: await client.diagnostics(uri) };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => String(d.code)))].sort();
}

/** Each rule's example from the brief, with the text its diagnostic must cover. */
const examples: Array<{ code: string; text: string; covers: string; languageId?: string }> = [
  { code: 'unsupported-claim', text: 'Secretome gels speed up the closure of burn wounds.', covers: 'Secretome gels speed up the closure of burn wounds.' },
  { code: 'unknown-citation', text: 'Exosomes promote angiogenesis [55].', covers: '55' },
  { code: 'unknown-citation', text: 'Exosomes promote angiogenesis [12, 71].', covers: '71' },
  { code: 'unknown-citation', text: 'The secretome accelerates wound healing \\cite{nobody1999}.', covers: 'nobody1999', languageId: 'latex' },
  { code: 'malformed-citation', text: 'The secretome enhances wound healing [18-11].', covers: '18-11' },
  { code: 'malformed-citation', text: 'FGF promotes angiogenesis [40-].', covers: '40-' },
  { code: 'malformed-citation', text: 'Exosomes carry proteins between cells [].', covers: '[]' },
  { code: 'malformed-citation', text: 'The secretome reduces inflammation [13, 13].', covers: '13' },
  { code: 'contradicted-claim', text: 'FGF suppresses stem cell proliferation [28]', covers: 'FGF suppresses stem cell proliferation [28]' },
  {
    code: 'citation-mismatch',
    text: 'Embryonic stem cell microvesicles reprogram haematopoietic progenitors [40]',
    covers: 'Embryonic stem cell microvesicles reprogram haematopoietic progenitors [40]',
  },
  { code: 'overstated-claim', text: 'Exosome therapy guarantees full recovery after stroke [15].', covers: 'guarantees' },
  { code: 'noncanonical-term', text: 'TGFb inhibits stem cell proliferation [30].', covers: 'TGFb' },
];

const notClaims: Array<{ text: string; languageId?: string }> = [
  { text: '# Exosomes reduce inflammation in the kidney' },
  { text: 'Does the secretome reduce fibrosis in the kidney?' },
  { text: 'Here we outline how secretome therapy could help chronic wounds.' },
  { text: 'Figure 2 summarises the components of the secretome.' },
  { text: 'We isolated EVs by ultracentrifugation.' },
  { text: 'Future trials should compare intravenous and local delivery of the secretome.' },
  { text: '\\begin{figure}\n\\caption{Exosomes reduce fibrosis in the injured kidney.}\n\\end{figure}', languageId: 'latex' },
  { text: 'Intro [1].\n\n## References\n\n1. Smith J. Exosomes reduce fibrosis in mice. J Test. 2020.' },
];

describe('protocol: claim linting over stdio', function () {
  let client: LspClient;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  for (const example of examples) {
    it(`${example.code}: ${example.text}`, async () => {
      const { diagnostics } = await diagnosticsOf(client, example.text, example.languageId);
      assert.deepStrictEqual(codes(diagnostics), [example.code], JSON.stringify(diagnostics.map((d) => d.message)));
      const [diagnostic] = diagnostics;
      const lines = example.text.split('\n');
      const covered = lines[diagnostic.range.start.line].slice(diagnostic.range.start.character, diagnostic.range.end.character);
      assert.strictEqual(covered, example.covers);
      assert.strictEqual(diagnostic.source, 'secretome');
      assert.ok(String(diagnostic.message).length > 20);
      assert.ok(diagnostic.relatedInformation?.length || diagnostic.data, 'related information or data');
    });
  }

  for (const notClaim of notClaims) {
    it(`no diagnostics: ${JSON.stringify(notClaim.text)}`, async () => {
      const { diagnostics } = await diagnosticsOf(client, notClaim.text, notClaim.languageId);
      assert.deepStrictEqual(diagnostics.map((d) => d.message), []);
    });
  }

  it('answers with a quick fix that inserts the supporting citation', async () => {
    const text = 'Secretome gels speed up the closure of burn wounds.';
    const { uri, diagnostics } = await diagnosticsOf(client, text);
    const actions = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) as CodeAction[];
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.strictEqual(preferred.kind, 'quickfix');
    const [edit] = preferred.edit!.changes![uri];
    assert.deepStrictEqual(edit.range.start, { line: 0, character: text.length - 1 });
    assert.strictEqual(edit.newText, ' [11-18]');
    assert.ok(actions.some((action) => action.title === 'Disable unsupported-claim for this line'));
  });

  it('contradicted-claim carries the review statement as related information', async () => {
    const { diagnostics } = await diagnosticsOf(client, 'FGF suppresses stem cell proliferation [28].');
    assert.match(diagnostics[0].relatedInformation![0].message, /proliferation.*\[27-29\]/);
  });

  it('honours secretome.lint settings: a rule turned off, a severity changed', async () => {
    const configured = await startClient({
      lint: { rules: { 'unsupported-claim': { enabled: false }, 'noncanonical-term': { severity: 'error' } } },
    });
    try {
      const uri = 'file:///lint-protocol/settings.md';
      await configured.open(uri, 'markdown', 'Secretome gels speed up the closure of burn wounds. TGFb inhibits stem cell proliferation [30].');
      const diagnostics = await configured.diagnostics(uri);
      assert.deepStrictEqual(codes(diagnostics), ['noncanonical-term']);
      assert.strictEqual(diagnostics[0].severity, 1);
    } finally {
      await configured.stop();
    }
  });

  it('re-lints after an edit', async () => {
    const uri = 'file:///lint-protocol/edited.md';
    await client.open(uri, 'markdown', 'FGF encourages the proliferation of stem cells [27].');
    assert.deepStrictEqual(await client.diagnostics(uri), []);
    await client.change(uri, 2, 'FGF encourages the proliferation of stem cells [27]. TGFb matters.');
    assert.deepStrictEqual(codes(await client.diagnostics(uri, 2)), ['noncanonical-term']);
  });
});
