/**
 * Caches keyed by content and bounded in bytes: the parse cache answers a reused version number with the new text's
 * parse; the findings and sentence caches stay under their byte bounds however many documents or edits pass through;
 * the lint driven step by step gives exactly the lint run at once.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ByteBoundedCache, stringBytes } from '../../server/src/core/boundedCache';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { createLanguageService } from '../../server/src/core/languageService';
import { sentenceCacheStats } from '../../server/src/core/manuscript';
import { SENTENCE_CACHE_BYTES } from '../../server/src/core/manuscript/sentences';
import { FINDINGS_CACHE_BYTES, lintCacheStats } from '../../server/src/core/rules';
import { makeManuscript } from '../bench/manuscriptGenerator';
import { singleFileContext } from '../../server/src/core/project/model';

describe('a cache bounded in bytes', () => {
  it('drops the least recently used entries once their bytes pass the bound, and never keeps one larger than it', () => {
    const cache = new ByteBoundedCache<string, string>(100, (key, value) => key.length + value.length);
    cache.set('a', 'x'.repeat(39));
    cache.set('b', 'x'.repeat(39));
    assert.strictEqual(cache.get('a'), 'x'.repeat(39), 'a is now the most recently used');
    cache.set('c', 'x'.repeat(39));
    assert.deepStrictEqual([cache.get('a') !== undefined, cache.get('b') !== undefined, cache.get('c') !== undefined], [true, false, true]);
    assert.strictEqual(cache.bytes, 80);
    cache.set('huge', 'x'.repeat(200));
    assert.strictEqual(cache.get('huge'), undefined);
    assert.strictEqual(cache.size, 2);
    cache.set('a', 'y');
    assert.strictEqual(cache.bytes, 42, 'replacing an entry counts its new size only');
    cache.clear();
    assert.deepStrictEqual([cache.size, cache.bytes], [0, 0]);
    assert.strictEqual(stringBytes('abc'), 38);
  });
});

describe('language service caches', function () {
  this.timeout(120_000);
  const dataset = loadBundledDataset();
  const config = resolveConfig();

  it('a reused version number with new text is parsed and linted anew', () => {
    const service = createLanguageService({ dataset });
    const clean = TextDocument.create('file:///reused.md', 'markdown', 1, 'Nothing to check here.\n');
    assert.deepStrictEqual(service.doValidate(clean, config), []);
    const dirty = TextDocument.create('file:///reused.md', 'markdown', 1, 'Exosomes promote angiogenesis [55].\n\nThe secretome enhances wound healing [18-11].\n');
    assert.strictEqual(service.hasParse(dirty), false);
    assert.deepStrictEqual(service.doValidate(dirty, config).map((diagnostic) => diagnostic.code), ['unknown-citation', 'malformed-citation']);
    assert.strictEqual(service.hasParse(dirty), true);
    assert.strictEqual(service.hasParse(clean), false, 'the cached parse is the new text’s');
  });

  it('validateSteps driven step by step gives doValidate’s diagnostics, in more than one step', () => {
    const service = createLanguageService({ dataset });
    const document = TextDocument.create('file:///steps.md', 'markdown', 1, makeManuscript(3000));
    const uncapped = resolveConfig({ lint: { maxDiagnostics: 100_000 } });
    const steps = service.validateSteps(document, uncapped);
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    assert.ok(count > 20, `${count} steps`);
    assert.ok(step.value.length > 10);
    assert.deepStrictEqual(step.value, service.doValidate(document, uncapped));
    assert.deepStrictEqual(step.value, computeDiagnostics({ document, manuscript: service.parse(document), references: service.referencesFor(document, uncapped), dataset, config: uncapped, project: singleFileContext(document, service.parse(document)) }));
  });

  it('hundreds of documents and edits (24,000 new paragraphs) leave the findings and sentence caches under their byte bounds', () => {
    const service = createLanguageService({ dataset });
    const base = makeManuscript(1500);
    for (let edit = 0; edit < 600; edit++) {
      // Each edit types into a different paragraph, so every run adds new paragraphs to the caches.
      const text = base.replace(/Cohort (\d+)/g, (_, cohort) => `Cohort ${edit}-${cohort}`);
      const document = TextDocument.create(`file:///edits/${edit % 7}.md`, 'markdown', edit, text);
      service.doValidate(document, config);
      if (edit % 7 === 6) for (let k = 0; k < 7; k++) service.forget(`file:///edits/${k}.md`);
    }
    const lint = lintCacheStats(dataset);
    const sentences = sentenceCacheStats();
    assert.ok(lint.bytes <= FINDINGS_CACHE_BYTES && lint.bytes > FINDINGS_CACHE_BYTES / 2, `findings cache ${lint.bytes} bytes`);
    assert.ok(sentences.bytes <= SENTENCE_CACHE_BYTES && sentences.bytes > SENTENCE_CACHE_BYTES / 2, `sentence cache ${sentences.bytes} bytes`);
    service.releaseCaches();
    assert.deepStrictEqual(lintCacheStats(dataset), { entries: 0, bytes: 0 });
    assert.deepStrictEqual(sentenceCacheStats(), { entries: 0, bytes: 0 });
  });
});
