/**
 * Differential fuzzing over the protocol: the bundled server receives random edits as incremental didChange
 * notifications (several changes in one notification, bursts of keystrokes, requests between them), and after each
 * batch its published diagnostics, hovers and completions must equal those of a fresh server process that is
 * opened with the whole text. A fresh process for every comparison, because a server kept for reference would share
 * the incremental one's cache bugs (its paragraph cache is filled by the same earlier texts). The next one starts
 * while a batch is being sent. Seeded: FUZZ_SEED=… and FUZZ_ITERATIONS=… run another or a longer sequence.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DidChangeTextDocumentNotification, type Diagnostic, type Position } from 'vscode-languageserver-protocol';
import { startClient, type LspClient } from './lspClient';
import {
  applyEdit,
  cursorAfter,
  fuzzSettings,
  randomEdits,
  reproduce,
  samplePositions,
  seededRandom,
  toRangeEdit,
  typingEdits,
  type OffsetEdit,
} from '../support/fuzzEdits';
import { firstDifference } from '../support/fuzzCompare';
import { within } from '../support/deadline';

const fixtures = path.join(__dirname, '../fixtures');

interface Plan {
  fixture: string;
  languageId: string;
  /** Edits at FUZZ_ITERATIONS=1. */
  edits: number;
  /** Edits between two comparisons. */
  batch: number;
}

const plans: Plan[] = [
  { fixture: 'protocol/draft.md', languageId: 'markdown', edits: 210, batch: 70 },
  { fixture: 'protocol/draft.tex', languageId: 'latex', edits: 210, batch: 70 },
  { fixture: 'protocol/notes.txt', languageId: 'plaintext', edits: 70, batch: 70 },
  { fixture: 'ownlist/manuscript-120.md', languageId: 'markdown', edits: 200, batch: 100 },
  { fixture: 'deep-review/02.intro.md', languageId: 'markdown', edits: 150, batch: 75 },
];

/** A bibliography next to the manuscripts, which the random `\bibliography{refs}` and front matter name. */
const refsBib = ['a', 'b', 'k', 'key'].map((key, at) => `@article{${key},\n  title = {Stromal cell secretome study ${at + 1}},\n  author = {Smith, Ann},\n  year = {${2001 + at}}\n}\n`).join('\n');

/** A request answers in this time or the test fails saying which one hung (the server is never this slow on these texts). */
const requestTimeoutMs = 15000;

function withoutMarkers(text: string): string {
  return text.replace(/⟦[a-z0-9-]+⟧/g, '');
}

describe('fuzz: incremental didChange reads as a fresh open (protocol)', function () {
  this.timeout(120000);
  const settings = fuzzSettings(20261202);
  let folder: string;
  let incremental: LspClient;
  /** The fresh server for the next comparison, already starting. */
  let nextFresh: Promise<LspClient>;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-fuzz-'));
    fs.writeFileSync(path.join(folder, 'refs.bib'), refsBib);
    nextFresh = startClient({}, folder);
    incremental = await startClient({}, folder);
  });
  after(async () => {
    await Promise.all([incremental.stop(), nextFresh.then((client) => client.stop())]);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** Takes the started fresh server, and starts the one after it. */
  async function freshServer(): Promise<LspClient> {
    const fresh = await nextFresh;
    nextFresh = startClient({}, folder);
    return fresh;
  }

  plans.forEach((plan, index) => {
    const edits = Math.round(plan.edits * settings.iterations);
    it(`${plan.fixture}: ${edits} random edits as incremental didChange, compared about every ${plan.batch}`, async () => {
      const random = seededRandom(settings.seed + index);
      const uri = pathToFileURL(path.join(folder, path.basename(plan.fixture))).href;
      let text = withoutMarkers(fs.readFileSync(path.join(fixtures, plan.fixture), 'utf8'));
      let version = 1;
      await incremental.open(uri, plan.languageId, text);
      let made = 0;
      let batchIndex = 0;
      try {
        while (made < edits) {
          const batch: OffsetEdit[] = [];
          /** Requests sent while edits stream in: not compared, but each must be answered. */
          const inFlight: Promise<unknown>[] = [];
          while (batch.length < plan.batch && made + batch.length < edits) {
            const roll = random();
            const updates = roll < 0.15 ? typingEdits(random, text).map((edit) => [edit]) : [randomEdits(random, text, roll < 0.3 ? 2 + Math.floor(random() * 3) : 1)];
            for (const update of updates) {
              const contentChanges = update.map((edit) => {
                const { range, text: newText } = toRangeEdit(text, edit);
                text = applyEdit(text, edit);
                return { range, text: newText };
              });
              batch.push(...update);
              await incremental.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges });
              const cursor = cursorAfter(text, update[update.length - 1]);
              const ask = random();
              if (ask < 0.2) inFlight.push(incremental.completionList(uri, cursor));
              else if (ask < 0.3) inFlight.push(incremental.hover(uri, cursor));
              // The lightbulb, from a client that drops diagnostics' `data` (about three times a batch): the server
              // lints this version at once, filling its caches with paragraphs that later edits move unchanged.
              if (random() < 3 / plan.batch) inFlight.push(incremental.codeActions(uri, { start: cursor, end: cursor }, [lightbulbDiagnostic(cursor)]));
            }
          }
          made += batch.length;
          batchIndex++;
          const where = reproduce(settings, `${plan.fixture}, batch ${batchIndex} (edits ${made - batch.length + 1}-${made}), version ${version}`);
          await within(requestTimeoutMs, Promise.all(inFlight), `requests during batch ${batchIndex}: ${where}`);
          const fresh = await freshServer();
          const [seenDiagnostics, freshDiagnostics] = await Promise.all([
            within(requestTimeoutMs, incremental.diagnostics(uri, version), `diagnostics of version ${version}: ${where}`),
            openIn(fresh, uri, plan.languageId, text, where),
          ]);
          const positions = samplePositions(random, text, 6);
          const seen = { diagnostics: seenDiagnostics, at: await answersAt(incremental, uri, positions, where) };
          const expected = { diagnostics: freshDiagnostics, at: await answersAt(fresh, uri, positions, where) };
          await fresh.stop();
          const difference = firstDifference(seen, expected);
          if (difference) throw new Error(`incremental didChange and a fresh open differ: ${where}\n${difference}\nincremental server stderr:\n${incremental.stderr()}`);
        }
      } finally {
        await incremental.close(uri);
      }
    });
  });

});

/** A diagnostic as a client sends it back with a code action request when it keeps no `data`. */
function lightbulbDiagnostic(at: Position): Diagnostic {
  return { range: { start: at, end: at }, source: 'secretome', code: 'unknown-citation', message: 'as the client kept it' };
}

/** Opens the text in the fresh server and resolves with the diagnostics it publishes for it. */
async function openIn(fresh: LspClient, uri: string, languageId: string, text: string, where: string): Promise<Diagnostic[]> {
  const published = fresh.nextDiagnostics(uri);
  await fresh.open(uri, languageId, text);
  return within(requestTimeoutMs, published, `diagnostics of the fresh open: ${where}`);
}

async function answersAt(client: LspClient, uri: string, positions: Position[], where: string) {
  return within(
    requestTimeoutMs,
    Promise.all(positions.map(async (position) => ({ position, hover: await client.hover(uri, position), completion: await client.completionList(uri, position) }))),
    `hover and completion: ${where}`,
  );
}
