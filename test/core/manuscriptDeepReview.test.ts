/**
 * A real Manubot manuscript (test/fixtures/deep-review, CC BY 4.0): its persistent-identifier citations are read
 * as identifiers, well formed, and its tags are defined in the back matter.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseManuscript } from '../../server/src/core/manuscript';
import { lint } from './rulesSupport';

const folder = path.join(__dirname, '../fixtures/deep-review');
const read = (name: string) => fs.readFileSync(path.join(folder, name), 'utf8');

describe('manuscript: deep-review (a Manubot manuscript)', () => {
  const intro = read('02.intro.md');
  const backMatter = read('90.back-matter.md');
  const manuscript = parseManuscript(intro, 'markdown');
  const identifiers = manuscript.citations.flatMap((citation) => citation.entries.filter((entry) => entry.kind === 'identifier'));

  it('reads every citation of the introduction as an identifier, by scheme, and none as a key', () => {
    const byScheme: Record<string, number> = {};
    for (const entry of identifiers) byScheme[entry.identifier!.scheme] = (byScheme[entry.identifier!.scheme] ?? 0) + 1;
    // Counted independently: grep -o '@\(doi\|tag\|arxiv\|url\|pmcid\):' 02.intro.md | sort | uniq -c
    assert.deepEqual(byScheme, { doi: 30, tag: 8, arxiv: 2, url: 2 });
    assert.deepEqual(manuscript.citations.flatMap((citation) => citation.keys), []);
  });

  it('all of them are well formed', () => {
    assert.deepEqual(identifiers.filter((entry) => !entry.identifier!.wellFormed).map((entry) => entry.text), []);
  });

  it('reads the 355 tag definitions of the back matter, all well formed, and every tag the introduction cites is defined', () => {
    const definitions = parseManuscript(backMatter, 'markdown').tagDefinitions!;
    assert.equal(definitions.size, 355);
    assert.deepEqual([...definitions.values()].filter((definition) => !definition.identifier?.wellFormed).map((definition) => definition.target), []);
    assert.deepEqual(definitions.get('tag:Abe')?.target, 'doi:10.1101/gr.634603');
    const cited = identifiers.filter((entry) => entry.identifier!.scheme === 'tag').map((entry) => entry.key!);
    assert.deepEqual(cited.filter((key) => !definitions.has(key)), []);
  });

  it('linting the introduction with the tags of the back matter as project keys reports no unknown or malformed citation', () => {
    const projectKeys = [...parseManuscript(backMatter, 'markdown').tagDefinitions!.keys()];
    const { diagnostics } = lint(intro, 'markdown', { sources: { projectKeys } });
    const citationFindings = diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-citation' || diagnostic.code === 'malformed-citation');
    assert.deepEqual(citationFindings.map((diagnostic) => diagnostic.message), []);
  });

  it('linting the introduction alone flags each of its 8 tags: nothing defines them', () => {
    const { document, diagnostics } = lint(intro, 'markdown');
    const unknown = diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-citation');
    assert.equal(unknown.length, 8);
    for (const diagnostic of unknown) {
      assert.match(document.getText(diagnostic.range), /^tag:/);
      assert.match(String(diagnostic.message), /^No `\[@tag:[^\]]+\]: …` line defines this tag in the manuscript or its project\.$/);
    }
  });
});
