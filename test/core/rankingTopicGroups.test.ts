import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { KnowledgeBase } from '../../server/src/core/knowledge/knowledgeBase';
import { config, documentWithCursor, service } from './support';

interface TopicSentence {
  topic: string;
  group: string;
  sentence: string;
  paraphrases: string;
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/ranking/topic-sentences.json'), 'utf8')) as {
  tuning: TopicSentence[];
  heldOut: TopicSentence[];
};
const dataset = loadBundledDataset();
const reviewOnly = KnowledgeBase.create(dataset, []).scopeFor({ bibliographyIds: [] });
const reviewText = readFileSync(path.join(__dirname, '../fixtures/review-text.md'), 'utf8').replace(/\s+/g, ' ');
const groupNumbers = (label: string) => dataset.references.filter((reference) => reference.citedIn === label).map((reference) => reference.number);

/** The top three (or the whole group, when smaller) are all from the group. */
function assertGroupLeads(top: number[], group: string, what: string) {
  const members = new Set(groupNumbers(group));
  const leading = top.slice(0, Math.min(3, members.size));
  assert.ok(
    leading.every((number) => members.has(number)),
    `${what}: top three ${top.slice(0, 3).join(', ')}, the review cites ${group}`,
  );
}

describe("ranking by the review's citation group for the sentence's topic", () => {
  it('the fixture paraphrases the review: each quoted sentence is in the review, each group is one it prints', () => {
    for (const entry of [...fixture.tuning, ...fixture.heldOut]) {
      const quoted = entry.paraphrases.replace(/\s*\[[0-9-]+\]\.?$/, '').replace(/\s+/g, ' ');
      assert.ok(reviewText.includes(quoted.replace(/\.$/, '')), `not in the review: ${entry.paraphrases}`);
      assert.ok(groupNumbers(entry.group).length > 0, `no group ${entry.group}`);
      assert.ok(dataset.topic(entry.topic), `no topic ${entry.topic}`);
    }
  });

  it('covers every citation group the review prints', () => {
    const covered = new Set(fixture.tuning.map((entry) => entry.group));
    assert.deepStrictEqual(
      dataset.citationGroups.groups.map((group) => group.label).filter((label) => !covered.has(label)),
      [],
    );
  });

  it('knows the groups: [11-18] holds 11 to 18, reference 28 is in [27-29]', () => {
    assert.deepStrictEqual(dataset.citationGroups.groupOf(14)?.numbers, [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.strictEqual(dataset.citationGroups.groupOf(28)?.label, '[27-29]');
    // The review cites [11-18] for the skin: its statements on the skin cite it, and its paper 17 is about the skin.
    const skin = dataset.citationGroups.forTopic('skin');
    assert.strictEqual([...skin.keys()].map((group) => group.label).join(), '[11-18]');
  });

  for (const entry of fixture.tuning) {
    it(`${entry.topic}: "${entry.sentence}" ranks ${entry.group} first`, () => {
      const top = reviewOnly.rank({ sentence: entry.sentence, limit: 3 }).references.map((ranked) => ranked.reference.number!);
      assertGroupLeads(top, entry.group, 'rank');
    });

    it(`${entry.topic}: "${entry.sentence} [" completes ${entry.group} first`, () => {
      const { document, position } = documentWithCursor(`${entry.sentence} [|`, 'markdown');
      const labels = service().doComplete(document, position, config()).items.map((item) => Number(item.label));
      assertGroupLeads(labels, entry.group, 'completion');
    });
  }

  it('orders within the group by fit: the skin-wound trial 17 leads [11-18] for a skin-wound sentence', () => {
    const top = reviewOnly.rank({ sentence: 'Secretome gels helped heal chronic skin wounds such as diabetic ulcers', limit: 1 }).references;
    assert.strictEqual(top[0].reference.number, 17);
  });

  it('lets no group lead on evidence spread over many groups: the title match comes first', () => {
    // Mesenchymal stem cells are the subject of papers in ten groups; the review's profiling paper 45 fits by its topics.
    const top = reviewOnly.rank({ sentence: 'Umbilical cord and dental pulp stromal cells secrete distinct metabolomic profiles', limit: 1 });
    assert.strictEqual(top.references[0].reference.number, 45);
  });
});
