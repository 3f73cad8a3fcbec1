/**
 * How often the ranking puts the review's citation group for a sentence's topic first, over the sentences of
 * test/fixtures/ranking/topic-sentences.json: the tuning set and, separately, the held-out set (never tuned on).
 * Run: node --import tsx scripts/topicRankingCounts.ts [--each]
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBundledDataset } from '../server/src/core/bundledDataset';
import { KnowledgeBase } from '../server/src/core/knowledge/knowledgeBase';

interface TopicSentence {
  topic: string;
  group: string;
  sentence: string;
}

const dataset = loadBundledDataset();
const scope = KnowledgeBase.create(dataset, []).scopeFor({ bibliographyIds: [] });
const fixture = JSON.parse(readFileSync(path.join(__dirname, '../test/fixtures/ranking/topic-sentences.json'), 'utf8')) as Record<
  'tuning' | 'heldOut',
  TopicSentence[]
>;
const each = process.argv.includes('--each');

for (const set of ['tuning', 'heldOut'] as const) {
  let first = 0;
  let allTopThree = 0;
  let inTopThree = 0;
  for (const entry of fixture[set]) {
    const members = new Set(dataset.references.filter((reference) => reference.citedIn === entry.group).map((reference) => reference.number));
    const top = scope.rank({ sentence: entry.sentence, limit: 3 }).references.map((ranked) => ranked.reference.number!);
    const isFirst = members.has(top[0]);
    const isAll = top.slice(0, Math.min(3, members.size)).every((number) => members.has(number));
    const isIn = top.some((number) => members.has(number));
    first += Number(isFirst);
    allTopThree += Number(isAll);
    inTopThree += Number(isIn);
    if (each) console.log(`${set}\t${entry.topic}\t${entry.group}\t${top.join(',')}\t${isFirst ? 'first' : '-'}\t${isAll ? 'all' : '-'}\t${isIn ? 'in' : '-'}`);
  }
  const total = fixture[set].length;
  console.log(`${set}: group first ${first}/${total}; top three all from the group ${allTopThree}/${total}; group in top three ${inTopThree}/${total}`);
}
