/**
 * duplicate-key over the protocol: a manuscript names two .bib files on disk that both define smith2020 as different
 * papers (and lee2019 as the same paper, by DOI); its diagnostics warn at the citation of smith2020 only.
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
    await client.open(uri, 'markdown', files['paper.md']);
    const diagnostics = (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === 'duplicate-key');
    const line = files['paper.md'].split('\n')[4]!;
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.range.start.line, line.slice(diagnostic.range.start.character, diagnostic.range.end.character), diagnostic.message]),
      [[2, 4, 'smith2020', '“smith2020” is defined in both refs.bib (line 1) and extra.bib (line 7), as different papers; the entry in refs.bib is used (the file named first).']],
    );
  });
});
