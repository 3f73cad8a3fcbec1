/**
 * duplicate-key over the protocol: a manuscript names two .bib files on disk that both define smith2020 as different
 * papers (and lee2019 as the same paper, by DOI); its diagnostics warn at the citation of smith2020 only, and
 * extra.bib, named second, gets a warning at its smith2020 entry (which the manuscript never uses).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startClient, type LspClient } from './lspClient';

const files = {
  'refs.bib': '@article{smith2020,\n  title = {Conditioned medium in burns},\n  year = {2020}\n}\n\n@article{lee2019,\n  title = {Isolating extracellular vesicles},\n  doi = {10.5555/fixture.1},\n  year = {2019}\n}\n',
  'extra.bib': '@article{lee2019,\n  title = {Isolating EVs},\n  doi = {10.5555/FIXTURE.1},\n  year = {2019}\n}\n\n@article{smith2020,\n  title = {Another paper under the same key},\n  year = {2001}\n}\n',
  'paper.md': '---\nbibliography: [refs.bib, extra.bib]\n---\n\nSee [@smith2020] and [@lee2019].\n',
};

/** Polls until `find` gives a non-empty list (publications arrive in any order), for 10 s at most. */
async function waitFor<T>(find: () => T[] | undefined): Promise<T[]> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const found = find();
    if (found && found.length > 0) return found;
    if (Date.now() > deadline) return found ?? [];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('protocol: duplicate-key for a key two bibliographies define as different papers', function () {
  let client: LspClient;
  let folder: string;

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-duplicate-key-')));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), text);
    client = await startClient({}, folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('warns at the citation of smith2020, naming both files and the one used; lee2019 (same DOI) is not flagged', async () => {
    const uri = pathToFileURL(path.join(folder, 'paper.md')).href;
    const extraUri = pathToFileURL(path.join(folder, 'extra.bib')).href;
    await client.open(uri, 'markdown', files['paper.md']);
    const diagnostics = (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === 'duplicate-key');
    const line = files['paper.md'].split('\n')[4]!;
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.range.start.line, line.slice(diagnostic.range.start.character, diagnostic.range.end.character), diagnostic.message]),
      [[2, 4, 'smith2020', '“smith2020” is defined in both refs.bib (line 1) and extra.bib (line 7), as different papers; the entry in refs.bib is used (the file named first).']],
    );
    // The bibliography named second: its smith2020 entry is flagged where it is defined; refs.bib has nothing.
    const inExtra = await waitFor(() => client.published().get(extraUri)?.filter((diagnostic) => diagnostic.code === 'duplicate-key'));
    assert.deepStrictEqual(
      inExtra.map((diagnostic) => [diagnostic.severity, diagnostic.range.start.line, diagnostic.message]),
      [[2, 6, '“smith2020” is also defined in refs.bib (line 1), as a different paper, which paper.md uses: it names refs.bib first, so this entry is not used there.']],
    );
    const refsUri = pathToFileURL(path.join(folder, 'refs.bib')).href;
    assert.deepStrictEqual((client.published().get(refsUri) ?? []).map((diagnostic) => diagnostic.code), []);
  });
});
