/**
 * Trains the citation-worthiness model (server/src/core/claims/citationWorthiness.ts) and writes data/citationWorthiness.json.
 * The corpus is read here only, at training time: `npm run train -- [corpus folder]`.
 * Hyperparameters and thresholds are chosen by cross-validation over the TRAIN documents (folds by document);
 * the dev documents are scored once, at the end, and their metrics are stored with the model.
 */
import * as fs from 'fs';
import * as path from 'path';
import { seededRandom as random } from '../test/support/seededRandom';
import {
  FEATURE_SPEC,
  featuresOf,
  loadModel,
  paragraphContexts,
  logitOf,
  quantise,
  scoreSentence,
  sigmoid,
  type CitationWorthinessModel,
  type Features,
  type SentenceContext,
} from '../server/src/core/claims/citationWorthiness';
import { corpusFolder, projectRoot } from './corpusFolder';

const root = projectRoot;
const corpus = corpusFolder(process.argv[2]);
const output = path.join(root, 'data/citationWorthiness.json');
const SEED = 12;
const HASH_BITS = 16;
const FOLDS = 4;

export interface CorpusSentence {
  doc: string;
  para: number;
  sent: number;
  label: 0 | 1;
  section: string;
  text: string;
}

/** Reads sentences.tsv, in document order. */
export function readSentences(file: string): CorpusSentence[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const [doc, para, sent, label, section, text] = line.split('\t');
    return { doc, para: Number(para), sent: Number(sent), label: label === '1' ? 1 : 0, section, text };
  });
}

/** Each sentence's neighbours and position in its paragraph (sentences of a paragraph are adjacent, in order). */
export function contextsOf(sentences: CorpusSentence[]): SentenceContext[] {
  const contexts: SentenceContext[] = [];
  for (let start = 0; start < sentences.length; ) {
    let end = start;
    while (end < sentences.length && sentences[end].doc === sentences[start].doc && sentences[end].para === sentences[start].para) end++;
    const paragraph = sentences.slice(start, end);
    contexts.push(...paragraphContexts(paragraph.map((sentence) => sentence.text), paragraph[0].section));
    start = end;
  }
  return contexts;
}


function shuffled<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

interface Hyper {
  neighbourWeight: number;
  bigramWeight: number;
  l2: number;
  epochs: number;
  rate: number;
}

/** Logistic regression by AdaGrad SGD with L2, over a fixed seeded order. */
function train(examples: Features[], labels: number[], hyper: Hyper): Float64Array {
  const weights = new Float64Array(1 << HASH_BITS);
  const squared = new Float64Array(1 << HASH_BITS).fill(1e-8);
  const next = random(SEED);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    for (const i of shuffled(order, next)) {
      const features = examples[i];
      const error = sigmoid(logitOf(weights, features)) - labels[i];
      for (let k = 0; k < features.slots.length; k++) {
        const slot = features.slots[k];
        const gradient = error * features.values[k] + hyper.l2 * weights[slot];
        squared[slot] += gradient * gradient;
        weights[slot] -= (hyper.rate * gradient) / Math.sqrt(squared[slot]);
      }
    }
  }
  return weights;
}

interface Point {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

function pointAt(scores: number[], labels: number[], threshold: number): Point {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((score, i) => {
    if (score >= threshold) labels[i] ? tp++ : fp++;
    else if (labels[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { threshold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function curve(scores: number[], labels: number[]): Point[] {
  const points: Point[] = [];
  for (let t = 0.02; t < 0.99; t += 0.01) points.push(pointAt(scores, labels, Math.round(t * 100) / 100));
  return points;
}

function bestF1(scores: number[], labels: number[]): Point {
  return curve(scores, labels).reduce((best, point) => (point.f1 > best.f1 ? point : best));
}

/** Lowest threshold whose precision reaches the target: the most recall at that precision. */
function thresholdForPrecision(scores: number[], labels: number[], target: number): Point {
  return curve(scores, labels).find((point) => point.precision >= target) ?? pointAt(scores, labels, 0.98);
}

function auc(scores: number[], labels: number[]): number {
  const order = scores.map((score, i) => [score, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  order.forEach(([, label], rank) => {
    if (label) {
      rankSum += rank + 1;
      positives++;
    }
  });
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function main(): void {
  const started = process.hrtime.bigint();
  const sentences = readSentences(path.join(corpus, 'sentences.tsv'));
  const split = new Map(
    fs
      .readFileSync(path.join(corpus, 'split.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]),
  );
  const contexts = contextsOf(sentences);
  const trainIndices = sentences.map((_, i) => i).filter((i) => split.get(sentences[i].doc) === 'train');
  const devIndices = sentences.map((_, i) => i).filter((i) => split.get(sentences[i].doc) === 'dev');
  const trainDocs = shuffled([...new Set(trainIndices.map((i) => sentences[i].doc))].sort(), random(SEED));
  const foldOf = new Map(trainDocs.map((doc, i) => [doc, i % FOLDS]));
  const labels = sentences.map((sentence) => sentence.label);

  const featureCache = new Map<string, Features[]>();
  const featuresFor = ({ neighbourWeight, bigramWeight }: Hyper) => {
    const key = `${neighbourWeight}/${bigramWeight}`;
    if (!featureCache.has(key))
      featureCache.set(
        key,
        sentences.map((sentence, i) => featuresOf(sentence.text, contexts[i], { hashBits: HASH_BITS, neighbourWeight, bigramWeight })),
      );
    return featureCache.get(key)!;
  };

  /** Out-of-fold scores over the train documents: each fold scored by a model trained on the others. */
  const crossValidated = (hyper: Hyper) => {
    const features = featuresFor(hyper);
    const scores: number[] = [];
    const foldLabels: number[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const fit = trainIndices.filter((i) => foldOf.get(sentences[i].doc) !== fold);
      const held = trainIndices.filter((i) => foldOf.get(sentences[i].doc) === fold);
      const weights = train(
        fit.map((i) => features[i]),
        fit.map((i) => labels[i]),
        hyper,
      );
      for (const i of held) {
        scores.push(sigmoid(logitOf(weights, features[i])));
        foldLabels.push(labels[i]);
      }
    }
    return { scores, labels: foldLabels };
  };

  const grid: Hyper[] = [];
  for (const neighbourWeight of [0.3, 0.6])
    for (const bigramWeight of [0, 0.5])
      for (const epochs of [3, 6]) for (const rate of [0.01, 0.03]) grid.push({ neighbourWeight, bigramWeight, l2: 1e-4, epochs, rate });
  const onlyHyper = process.env.CW_HYPER ? (JSON.parse(process.env.CW_HYPER) as Hyper) : undefined;
  let best: { hyper: Hyper; point: Point; scores: number[]; labels: number[] } | undefined;
  for (const hyper of onlyHyper ? [onlyHyper] : grid) {
    const result = crossValidated(hyper);
    const point = bestF1(result.scores, result.labels);
    console.log(`cv ${JSON.stringify(hyper)} F1 ${round(point.f1)} at ${point.threshold} (P ${round(point.precision)} R ${round(point.recall)}) AUC ${round(auc(result.scores, result.labels))}`);
    if (!best || point.f1 > best.point.f1) best = { hyper, point, ...result };
  }
  const chosen = best!;
  const thresholds = {
    precise: thresholdForPrecision(chosen.scores, chosen.labels, 0.75).threshold,
    balanced: chosen.point.threshold,
    thorough: Math.max(0.05, Math.round((chosen.point.threshold - 0.1) * 100) / 100),
  };

  const features = featuresFor(chosen.hyper);
  const weights = train(
    trainIndices.map((i) => features[i]),
    trainIndices.map((i) => labels[i]),
    chosen.hyper,
  );
  const trainingSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { scale, base64 } = quantise(weights);
  const cited = (indices: number[]) => indices.filter((i) => labels[i]).length;
  const model: CitationWorthinessModel = {
    spec: FEATURE_SPEC,
    hashBits: HASH_BITS,
    neighbourWeight: chosen.hyper.neighbourWeight,
    bigramWeight: chosen.hyper.bigramWeight,
    scale,
    weights: base64,
    thresholds,
    training: {
      corpus: 'citation-worthiness (54 documents; see test/fixtures/citation-worthiness/README.md)',
      trainDocuments: trainDocs.length,
      trainSentences: trainIndices.length,
      trainCited: cited(trainIndices),
      seed: SEED,
      folds: FOLDS,
      ...chosen.hyper,
      crossValidatedBest: { ...chosen.point, auc: auc(chosen.scores, chosen.labels) },
      seconds: round(trainingSeconds),
    },
  };

  // Dev, once: scored through the quantised, serialised model, exactly as the product loads it.
  const loaded = loadModel(model);
  const devScores = devIndices.map((i) => scoreSentence(loaded, sentences[i].text, contexts[i]));
  const devLabels = devIndices.map((i) => labels[i]);
  const table = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7].map((t) => pointAt(devScores, devLabels, t));
  model.dev = {
    documents: new Set(devIndices.map((i) => sentences[i].doc)).size,
    sentences: devIndices.length,
    cited: cited(devIndices),
    auc: round(auc(devScores, devLabels)),
    atThresholds: Object.fromEntries(Object.entries(thresholds).map(([name, t]) => [name, mapPoint(pointAt(devScores, devLabels, t))])),
    bestF1: mapPoint(bestF1(devScores, devLabels)),
    curve: table.map(mapPoint),
  };
  fs.writeFileSync(output, JSON.stringify(model) + '\n');
  console.log(JSON.stringify({ ...model, weights: `${base64.length} base64 chars` }, null, 1));
  console.log(`wrote ${path.relative(root, output)} (${fs.statSync(output).size} bytes) in ${round(trainingSeconds)} s`);
}

function mapPoint(point: Point) {
  return { threshold: point.threshold, precision: round(point.precision), recall: round(point.recall), f1: round(point.f1) };
}

main();
