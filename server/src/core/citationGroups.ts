/**
 * The review's citation groups ("[11-18]": the references it cites together for one passage) and how much it cites
 * each group for each topic. Built once per dataset, with the dataset's other derived indexes.
 */
import type { Reference, Statement, Topic } from './datasetTypes';

export interface CitationGroup {
  /** As the review prints it: "[11-18]". */
  readonly label: string;
  /** Its references' numbers, ascending. */
  readonly numbers: readonly number[];
}

export interface CitationGroups {
  readonly groups: readonly CitationGroup[];
  /** The group the review cites reference `number` in. */
  groupOf(number: number): CitationGroup | undefined;
  /** How much the review cites each group for the topic; the weights of a topic sum to 1 (empty when it cites none). */
  forTopic(topicId: string): ReadonlyMap<CitationGroup, number>;
}

export function buildCitationGroups(
  topics: readonly Topic[],
  references: readonly Reference[],
  statements: readonly Statement[],
): CitationGroups {
  const byLabel = new Map<string, { label: string; numbers: number[] }>();
  const byNumber = new Map<number, CitationGroup>();
  for (const reference of references) {
    let group = byLabel.get(reference.citedIn);
    if (!group) byLabel.set(reference.citedIn, (group = { label: reference.citedIn, numbers: [] }));
    group.numbers.push(reference.number);
    byNumber.set(reference.number, group);
  }
  for (const group of byLabel.values()) group.numbers.sort((a, b) => a - b);

  // Two signs that the review cites a group for a topic: its statements on the topic cite the group, and the group's
  // references are about the topic. Where the review gives both, a group needs both (the product of the shares): one
  // statement on mesenchymal stem cells cites [27-29], but the papers about them are spread over ten other groups, so
  // the topic points at no group. Where it gives only one, that one decides.
  const statementShare = new Map<string, Map<CitationGroup, number>>();
  for (const statement of statements) {
    const cited = new Set<CitationGroup>();
    for (const number of statement.refs) {
      const group = byNumber.get(number);
      if (group) cited.add(group);
    }
    for (const topic of statement.topics) for (const group of cited) addTo(statementShare, topic, group, 1 / cited.size);
  }
  const tagShare = new Map<string, Map<CitationGroup, number>>();
  for (const reference of references) {
    const group = byNumber.get(reference.number)!;
    for (const topic of reference.topics) addTo(tagShare, topic, group, 1);
  }

  const weights = new Map<string, Map<CitationGroup, number>>();
  for (const topic of topics) {
    const fromStatements = statementShare.get(topic.id);
    const fromTags = tagShare.get(topic.id);
    const combined = new Map<CitationGroup, number>();
    for (const group of new Set([...(fromStatements?.keys() ?? []), ...(fromTags?.keys() ?? [])])) {
      const value = (fromStatements ? (fromStatements.get(group) ?? 0) : 1) * (fromTags ? (fromTags.get(group) ?? 0) : 1);
      if (value > 0) combined.set(group, value);
    }
    const total = [...combined.values()].reduce((sum, value) => sum + value, 0);
    if (total > 0) weights.set(topic.id, new Map([...combined].map(([group, value]) => [group, value / total])));
  }

  const none: ReadonlyMap<CitationGroup, number> = new Map();
  return {
    groups: [...byLabel.values()],
    groupOf: (number) => byNumber.get(number),
    forTopic: (topicId) => weights.get(topicId) ?? none,
  };
}

function addTo(map: Map<string, Map<CitationGroup, number>>, topic: string, group: CitationGroup, amount: number): void {
  let shares = map.get(topic);
  if (!shares) map.set(topic, (shares = new Map()));
  shares.set(group, (shares.get(group) ?? 0) + amount);
}
