/**
 * Every input in test/fixtures/regressions/ (see its README): manuscripts go through the server and the CLI like the
 * bad inputs, sessions are replayed over the protocol and must end where a fresh open of their final text does.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, type LspClient } from './lspClient';
import { languageIdOf } from '../support/badInputs';
import { firstDifference } from '../support/fuzzCompare';
import { within } from '../support/deadline';
import { answerTimeoutMs, assertCliCopes, assertServerAnswers, probePositions, watchErrors } from './robustness';

const folder = path.resolve(__dirname, '../fixtures/regressions');

/**
 * Regressions main still fails, each with the bug: its test passes only while the failure persists, and fails (asking
 * for the line to be removed) once the fix is merged. Never a silent skip.
 */
const stillBroken = new Map<string, string>([]);

interface Session {
  description: string;
  file: string;
  languageId: string;
  steps: ({ open: string; version: number } | { change: { range?: Range; text: string }[]; version: number })[];
}

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const all = filesUnder(folder).filter((file) => path.relative(folder, file) !== 'README.md');
const manuscripts = all.filter((file) => /\.(md|tex|txt)$/i.test(file));
const sessions = all.filter((file) => file.endsWith('.session.json'));

describe('fuzz: the regression folder', function () {
  this.timeout(120000);
  let client: LspClient;
  let fresh: LspClient;
  let errors: () => string[];

  before(async () => {
    [client, fresh] = await Promise.all([startClient({}, folder), startClient({}, folder)]);
    errors = watchErrors(client);
  });
  after(() => Promise.all([client.stop(), fresh.stop()]));

  it('holds manuscripts and sessions', () => {
    assert.ok(manuscripts.length >= 4 && sessions.length >= 2, `found ${manuscripts.length} manuscripts and ${sessions.length} sessions`);
  });

  for (const file of manuscripts) {
    const name = path.relative(folder, file);
    expectation(name, `the server answers on ${name}`, async () => {
      await assertServerAnswers(client, errors, file, languageIdOf(file), fs.readFileSync(file, 'utf8'), name);
    });
  }

  it('the CLI lints every manuscript with its own messages and exit code', () => {
    const run = assertCliCopes(folder, manuscripts.map((file) => path.relative(folder, file)));
    const reported = (JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((report) => report.file);
    assert.deepStrictEqual(reported, manuscripts.map((file) => path.relative(folder, file)));
  });

  for (const file of sessions) {
    const name = path.relative(folder, file);
    const session = JSON.parse(fs.readFileSync(file, 'utf8')) as Session;
    expectation(name, `${name}: ${session.description}`, () => replay(session, path.join(path.dirname(file), session.file)));
  }

  /** Replays the steps (each waits for its publication), then compares with a fresh open of the final text. */
  async function replay(session: Session, manuscript: string): Promise<void> {
    const uri = pathToFileURL(manuscript).href;
    let document: TextDocument | undefined;
    try {
      for (const step of session.steps) {
        const published = client.nextDiagnostics(uri);
        if ('open' in step) {
          document = TextDocument.create(uri, session.languageId, step.version, step.open);
          await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: session.languageId, version: step.version, text: step.open } });
        } else {
          assert.ok(document, 'a session opens its document first');
          document = TextDocument.update(document, step.change, step.version);
          await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: step.version }, contentChanges: step.change });
        }
        await within(answerTimeoutMs, published, `diagnostics after step ${session.steps.indexOf(step) + 1}`);
      }
      const text = document!.getText();
      const seen = { diagnostics: client.published().get(uri), at: await answersAt(client, uri, text) };
      const openedFresh = fresh.nextDiagnostics(uri);
      await fresh.open(uri, session.languageId, text);
      const expected = { diagnostics: await within(answerTimeoutMs, openedFresh, 'diagnostics of the fresh open'), at: await answersAt(fresh, uri, text) };
      const cleared = fresh.nextDiagnostics(uri);
      await fresh.close(uri);
      await cleared;
      const difference = firstDifference(seen, expected);
      assert.ok(!difference, `the session ends unlike a fresh open of its final text:\n${difference}`);
    } finally {
      await client.close(uri);
    }
  }
});

async function answersAt(client: LspClient, uri: string, text: string) {
  const answers = [];
  for (const position of probePositions(text)) {
    answers.push({ position, hover: await within(answerTimeoutMs, client.hover(uri, position), 'hover'), completion: await within(answerTimeoutMs, client.completionList(uri, position), 'completion') });
  }
  return answers;
}

/** A test that must pass, or, for a regression main still fails, one that checks it still fails (see stillBroken). */
function expectation(name: string, title: string, check: () => Promise<void>): void {
  const bug = stillBroken.get(name);
  if (!bug) {
    it(title, check);
    return;
  }
  it(`${title} [still broken on main: ${bug}]`, async () => {
    const failure = await check().then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failure, `${name} passes now: remove it from stillBroken in test/server/fuzzRegressions.test.ts`);
    // Broken the known way, not some other way (a timeout, a crash).
    assert.match((failure as Error).message, /ends unlike a fresh open/);
  });
}
