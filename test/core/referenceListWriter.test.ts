/**
 * Writing the reference list: a draft citing the review's numbers gets its own list, citations renumbered by first
 * use; a manuscript with a list has it refreshed in place. The formatter here is a recording stand-in: the CSL
 * formatter's own tests check the style; these check the edit.
 */
import * as assert from 'assert';
import type { Reference } from '../../server/src/core/knowledge/model';
import type { ReferenceListFormatter, ReferenceListOutput } from '../../server/src/core/features/referenceListWriter';
import { bundledStyles } from '../../server/src/core/style/bundledStyles';
import { createReferenceFormatter } from '../../server/src/core/style/referenceFormatter';
import { config, service } from './support';
import { applied, doc, projectOf } from './renumber.test';

/** Writes "<key> (<output>)" for each reference and remembers what it was asked. */
function recordingFormatter(): ReferenceListFormatter & { calls: { keys: string[]; output?: ReferenceListOutput }[] } {
  const calls: { keys: string[]; output?: ReferenceListOutput }[] = [];
  return {
    styleName: 'test style',
    calls,
    formatList(references: readonly Reference[], output?: ReferenceListOutput) {
      calls.push({ keys: references.map((reference) => reference.key), output });
      return references.map((reference) => `${reference.item.title} (${reference.key}, ${output})`);
    },
  };
}

describe('write the reference list', () => {
  it("turns a draft citing the review's [45], [11-13] into [1], [2-4] with a list of refs 45, 11, 12, 13", () => {
    const document = doc('Umbilical cord and dental pulp secretomes differ [45]. Secretomes have therapeutic uses [11-13].\n');
    const formatter = recordingFormatter();
    const result = service().writeReferenceList(document, config(), formatter);
    assert.strictEqual(result.outcome, 'edit', result.message);
    assert.deepStrictEqual(formatter.calls, [{ keys: ['caseiro2019', 'udalamaththa2020', 'fei2024', 'ranganath2012'], output: 'markdown' }]);
    const [after] = applied(result.edit, [document]);
    assert.strictEqual(
      after,
      [
        'Umbilical cord and dental pulp secretomes differ [1]. Secretomes have therapeutic uses [2-4].',
        '',
        '## References',
        '',
        '1. Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome (caseiro2019, markdown)',
        '2. Therapeutic uses of post-partum tissue-derived mesenchymal stromal cell secretome (udalamaththa2020, markdown)',
        '3. Clinical applications of stem cell-derived exosomes (fei2024, markdown)',
        '4. Harnessing the mesenchymal stem cell secretome for the treatment of cardiovascular disease (ranganath2012, markdown)',
        '',
      ].join('\n'),
    );
    // The draft now stands on its own: its numbers are its list's, and writing again changes nothing.
    const written = doc(after);
    assert.strictEqual(service().referencesFor(written, config()).numbering, 'own-list');
    assert.deepStrictEqual(service().doValidate(written, config()).filter((d) => d.code === 'unknown-citation'), []);
    const again = service().writeReferenceList(written, config(), recordingFormatter());
    assert.strictEqual(again.outcome, 'unchanged', again.message);
  });

  it('with the stand-in formatter, writes the review’s printed data for those references', () => {
    const document = doc('Differ [45]. Uses [11-13].\n');
    const [after] = applied(service().writeReferenceList(document, config()).edit, [document]);
    const entries = after.split('\n').filter((line) => /^\d+\. /.test(line));
    assert.strictEqual(entries.length, 4);
    assert.match(entries[0]!, /^1\. Caseiro AR, Pedrosa SS, .*Mesenchymal Stem\/Stromal Cells metabolomic/);
    assert.match(entries[1]!, /^2\. Udalamaththa VL, .*Therapeutic uses of post-partum/);
    assert.match(entries[3]!, /^4\. Ranganath SH, .*Cell Stem Cell/);
  });

  it('writes a thebibliography before \\end{document} in LaTeX, with the review keys as \\bibitem keys that the citations now \\cite', () => {
    const text = '\\begin{document}\nSecretomes [12] and [45].\n\\end{document}\n';
    const document = doc(text, 'draft-list.tex', 'latex');
    const [after] = applied(service().writeReferenceList(document, config(), recordingFormatter()).edit, [document]);
    assert.strictEqual(
      after,
      [
        '\\begin{document}',
        'Secretomes \\cite{fei2024} and \\cite{caseiro2019}.',
        '\\begin{thebibliography}{9}',
        '\\bibitem{fei2024} Clinical applications of stem cell-derived exosomes (fei2024, latex)',
        '\\bibitem{caseiro2019} Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome (caseiro2019, latex)',
        '\\end{thebibliography}',
        '\\end{document}',
        '',
      ].join('\n'),
    );
  });

  it('in LaTeX, writes a range and a list of numbers as one \\cite of their keys, which the new list defines', () => {
    const text = '\\begin{document}\nSkin wounds heal faster [11-13], and cargo differs [32, 34].\n\\end{document}\n';
    const document = doc(text, 'draft-range.tex', 'latex');
    const [after] = applied(service().writeReferenceList(document, config(), recordingFormatter()).edit, [document]);
    const cites = [...after.matchAll(/\\cite\{([^}]*)\}/g)].map((match) => match[1]);
    const bibitems = [...after.matchAll(/\\bibitem\{([^}]*)\}/g)].map((match) => match[1]);
    assert.strictEqual(cites.length, 2);
    assert.deepStrictEqual(cites.join(',').split(','), bibitems);
    assert.strictEqual(bibitems.length, 5);
    assert.ok(!/\[\d/.test(after.split('\\begin{thebibliography}')[0]!), after);
    const relinted = service().doValidate(doc(after, 'draft-range-after.tex', 'latex'), config());
    assert.deepStrictEqual(relinted.filter((diagnostic) => diagnostic.code === 'unknown-citation'), []);
  });

  it('writes under an empty References heading rather than adding a second one', () => {
    const document = doc('Uses [13].\n\n## References\n\n');
    const [after] = applied(service().writeReferenceList(document, config(), recordingFormatter()).edit, [document]);
    assert.strictEqual(after.match(/## References/g)?.length, 1);
    assert.match(after, /^Uses \[1\]\.\n\n## References\n\n1\. Harnessing the mesenchymal stem cell secretome/);
  });

  it("puts a project's new list at the end of its last file", () => {
    const intro = doc('Intro [45].\n', 'list-01.intro.md');
    const results = doc('Results [11].', 'list-02.results.md');
    const texts = applied(service().writeReferenceList(intro, config({ sources: { project: projectOf(intro, results) } }), recordingFormatter()).edit, [intro, results]);
    assert.strictEqual(texts[0], 'Intro [1].\n');
    assert.match(texts[1]!, /^Results \[2\]\.\n\n## References\n\n1\. Mesenchymal.*\n2\. Therapeutic uses/);
  });

  it('refreshes a list in place: renumbered by first use, entries that are the review’s papers written in the style', () => {
    const text = [
      'Own work [2]. Review paper [1].',
      '',
      '## References',
      '',
      '1. Fei T, Xuran L. Clinical applications of stem cell-derived exosomes. Signal Transduction and Targeted Therapy. 2024;9(17):1-31.',
      '2. Writer W. A paper the review does not know. J Own. 2023;1:1.',
      '',
    ].join('\n');
    const document = doc(text);
    const formatter = recordingFormatter();
    const [after] = applied(service().writeReferenceList(document, config(), formatter).edit, [document]);
    assert.deepStrictEqual(formatter.calls.map((call) => call.keys), [['fei2024']]);
    assert.strictEqual(
      after,
      [
        'Own work [1]. Review paper [2].',
        '',
        '## References',
        '',
        '1. Writer W. A paper the review does not know. J Own. 2023;1:1.',
        '2. Clinical applications of stem cell-derived exosomes (fei2024, markdown)',
        '',
      ].join('\n'),
    );
  });

  it("refuses, naming the place, a number that is not one of the review's references", () => {
    const result = service().writeReferenceList(doc('Fine [3]. Typo [99].\n'), config(), recordingFormatter());
    assert.strictEqual(result.outcome, 'refused');
    assert.strictEqual(result.edit, undefined);
    assert.match(result.message, /\[99\] \(renumber-\d+\.md, line 1\) is not one of the review's 54 references/);
  });

  it('leaves keys alone: a manuscript citing only keys gets no list', () => {
    const result = service().writeReferenceList(doc('Secretomes [@caseiro2019].\n'), config(), recordingFormatter());
    assert.strictEqual(result.outcome, 'unchanged');
    assert.match(result.message, /no numbered references/);
  });
});

describe('write the reference list: line breaks', () => {
  it('keeps a CRLF document in CRLF, one blank line before the list', () => {
    const document = doc('Secretomes help [45].\r\nMore [11-13, 45].\r\n', 'crlf-draft.md');
    const [after] = applied(service().writeReferenceList(document, config()).edit, [document]);
    assert.ok(after.startsWith('Secretomes help [1].\r\nMore [1-4].\r\n\r\n## References\r\n\r\n1. Caseiro AR'), JSON.stringify(after.slice(0, 80)));
    assert.strictEqual(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare line feed');
  });
});

describe('write the reference list: bad input', () => {
  it('never expands an absurd range: it refuses and says which', () => {
    const result = service().writeReferenceList(doc('Huge [1-99999999]. Fine [2].\n'), config(), { styleName: 'x', formatList: () => assert.fail('formatted') });
    assert.strictEqual(result.outcome, 'refused');
    assert.match(result.message, /^No list was written: \[1-99999999\] \(renumber-\d+\.md, line 1\) is a range too long to be meant/);
  });
});

describe("write the reference list: the writer's own entries keep what they had", () => {
  // The review prints no DOI, PMID or URL for its papers: these are the writer's, written with the prefixes kept for
  // examples (DOI 10.5555, example.org), so no real paper is given an identifier here.
  const vancouver = createReferenceFormatter(bundledStyles.vancouver);
  const caseiroTitle =
    'Mesenchymal Stem/Stromal Cells metabolomic and bioactive factors profiles: A comparative analysis on the umbilical cord and dental pulp derived Stem/Stromal Cells secretome';
  const refreshed = (text: string, name: string, language = 'markdown') => {
    const document = doc(text, name, language);
    const result = service().writeReferenceList(document, config(), vancouver);
    assert.strictEqual(result.outcome, 'edit', result.message);
    const after = applied(result.edit, [document])[0]!;
    // What was written reads back as the same fields: writing again changes nothing (no "[Internet] [Internet]").
    const again = service().writeReferenceList(doc(after, `again-${name}`, language), config(), vancouver);
    assert.strictEqual(again.outcome, 'unchanged', `${again.message}\n${again.outcome === 'edit' ? applied(again.edit, [doc(after, name, language)])[0] : ''}`);
    return after;
  };

  it("keeps the writer's DOI and author list, filling the volume, issue and pages the review prints", () => {
    const after = refreshed(
      [
        'Secretomes [2]. Own [1].',
        '',
        '## References',
        '',
        '1. Writer W. A paper the review does not know. J Own. 2023;1:1.',
        `2. Caseiro AR, Pedrosa SS, Ivanova G, et al. ${caseiroTitle}. PLoS ONE. 2019. doi:10.5555/writer_doi.2019`,
        '',
      ].join('\n'),
      'own-doi.md',
    );
    assert.strictEqual(
      after,
      [
        'Secretomes [1]. Own [2].',
        '',
        '## References',
        '',
        `1. Caseiro AR, Pedrosa SS, Ivanova G, et al. ${caseiroTitle}. PLoS ONE. 2019;14(11):1–33. doi:10.5555/writer_doi.2019`,
        '2. Writer W. A paper the review does not know. J Own. 2023;1:1.',
        '',
      ].join('\n'),
    );
  });

  it("keeps the writer's value where it differs from the review's, and a PMID and URL the style would not print", () => {
    const after = refreshed(
      [
        'Secretomes [1].',
        '',
        '## References',
        '',
        `1. Caseiro AR, Pedrosa SS. ${caseiroTitle}. PLOS One. 2019;14(11):1-33. PMID: 12345678. Available from: https://example.org/caseiro-2019`,
        '',
      ].join('\n'),
      'own-pmid.md',
    );
    // "PLOS One" is the writer's spelling (the review prints "PLoS ONE"); Vancouver prints a PMID but no URL of an
    // article, so the URL follows as the writer wrote it.
    assert.strictEqual(
      after.split('\n')[4],
      `1. Caseiro AR, Pedrosa SS. ${caseiroTitle}. PLOS One. 2019;14(11):1–33. PubMed PMID: 12345678. Available from: https://example.org/caseiro-2019`,
    );
  });

  it('keeps a \\bibitem’s \\url, written by the style and escaped for LaTeX', () => {
    const after = refreshed(
      [
        '\\begin{document}',
        'Secretomes [1].',
        '\\begin{thebibliography}{9}',
        `\\bibitem{caseiro} Caseiro AR, Pedrosa SS. ${caseiroTitle}. PLoS ONE. 2019;14(11):1-33. \\url{https://example.org/caseiro_2019}`,
        '\\end{thebibliography}',
        '\\end{document}',
        '',
      ].join('\n'),
      'own-url.tex',
      'latex',
    );
    assert.strictEqual(
      after.split('\n')[3],
      `\\bibitem{caseiro} Caseiro AR, Pedrosa SS. ${caseiroTitle}. PLoS ONE [Internet]. 2019;14(11):1–33. Available from: https://example.org/caseiro\\_2019`,
    );
  });
});
