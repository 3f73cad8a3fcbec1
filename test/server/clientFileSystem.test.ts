/**
 * The browser build's file access, without a browser: ClientFileSystem asks a fake client (an in-memory tree standing
 * in for vscode.workspace.fs) and must refuse what lies outside its roots before asking; the browser's access scope
 * and workspace walk work on URI paths of any scheme. The real client and editor are tested in test/web/.
 */
import * as assert from 'assert';
import { browserAccessScope, findManuscriptsThrough } from '../../server/src/browserWorkspace';
import {
  ClientFileSystem,
  listDirectoryRequest,
  normalisedPath,
  readFileRequest,
  statRequest,
  type FileRequester,
  type FileRequestParams,
} from '../../server/src/workspace/clientFileSystem';
import { FileAccessError } from '../../server/src/core/workspace';

const repository = 'vscode-vfs://github/secretome/thesis';

/** A GitHub repository as github.dev shows it: files by URI, answered the way client/src/fileSystemBridge.ts does. */
function fakeClient(files: Record<string, string>): FileRequester & { asked: string[] } {
  const asked: string[] = [];
  const folders = (uri: string) => Object.keys(files).filter((file) => file.startsWith(`${uri}/`));
  return {
    asked,
    async sendRequest<R>(method: string, params: FileRequestParams): Promise<R> {
      asked.push(`${method} ${params.uri}`);
      const text = files[params.uri];
      const isFolder = text === undefined && folders(params.uri).length > 0;
      if (text === undefined && !isFolder) return { refused: { reason: 'not-found', message: `${params.uri} does not exist` } } as R;
      if (method === statRequest) {
        return (isFolder ? { kind: 'directory', size: 0, mtime: 1 } : { kind: 'file', size: text.length, mtime: 1 }) as R;
      }
      if (method === readFileRequest) {
        if (text.length > params.maxBytes) return { refused: { reason: 'too-large', message: 'too large' } } as R;
        return { text } as R;
      }
      if (method === listDirectoryRequest) {
        const names = new Map<string, 'file' | 'directory'>();
        for (const file of folders(params.uri)) {
          const rest = file.slice(params.uri.length + 1);
          names.set(rest.split('/')[0], rest.includes('/') ? 'directory' : 'file');
        }
        return { entries: [...names].map(([name, kind]) => ({ name, kind })) } as R;
      }
      throw new Error(`unexpected request ${method}`);
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<FileAccessError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FileAccessError, `not a FileAccessError: ${error}`);
    return error;
  }
  assert.fail('the read was not refused');
}

describe('browser build: files through the client', () => {
  const files = {
    [`${repository}/paper.md`]: '---\nbibliography: refs.bib\n---\n\nText [@smith2020].\n',
    [`${repository}/refs.bib`]: '@article{smith2020, title={Conditioned medium}, year={2020}}\n',
    [`${repository}/chapters/01-intro.md`]: '# Introduction\n',
    [`${repository}/chapters/figure.png`]: 'PNG',
    [`${repository}/node_modules/pkg/readme.md`]: '# not a manuscript\n',
    [`${repository}/.github/notes.md`]: '# hidden\n',
    [`${repository}/thesis.tex`]: '\\documentclass{book}\n',
  };

  it('reads, stats and lists files inside the roots through the client', async () => {
    const client = fakeClient(files);
    const fileSystem = new ClientFileSystem(client, { roots: ['/secretome/thesis'] });
    assert.strictEqual(await fileSystem.read(`${repository}/refs.bib`), files[`${repository}/refs.bib`]);
    assert.deepStrictEqual(await fileSystem.stat(`${repository}/refs.bib`), { kind: 'file', size: files[`${repository}/refs.bib`].length, mtime: 1 });
    assert.deepStrictEqual(
      (await fileSystem.list(`${repository}/chapters`)).sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: '01-intro.md', kind: 'file' },
        { name: 'figure.png', kind: 'file' },
      ],
    );
  });

  it('refuses a file outside the roots without asking the client, also through ".."', async () => {
    const client = fakeClient({ ...files, 'vscode-vfs://github/someone/else/secrets.bib': '@misc{x}' });
    const fileSystem = new ClientFileSystem(client, { roots: ['/secretome/thesis'] });
    const outside = await refusal(fileSystem.read('vscode-vfs://github/someone/else/secrets.bib'));
    assert.strictEqual(outside.reason, 'outside-workspace');
    assert.match(outside.message, /secrets\.bib is outside the workspace folders/);
    const climbing = await refusal(fileSystem.read(`${repository}/../../someone/else/secrets.bib`));
    assert.strictEqual(climbing.reason, 'outside-workspace');
    // A sibling folder whose name starts like the root is outside too.
    const sibling = await refusal(fileSystem.stat('vscode-vfs://github/secretome/thesis-old/refs.bib'));
    assert.strictEqual(sibling.reason, 'outside-workspace');
    assert.deepStrictEqual(client.asked, []);
  });

  it("passes the client's refusals on with their reason, and caps the size it asks for", async () => {
    const client = fakeClient(files);
    const fileSystem = new ClientFileSystem(client, { roots: ['/secretome/thesis'], maxBytes: 10 });
    const missing = await refusal(fileSystem.read(`${repository}/missing.bib`));
    assert.strictEqual(missing.reason, 'not-found');
    const large = await refusal(fileSystem.read(`${repository}/refs.bib`));
    assert.strictEqual(large.reason, 'too-large');
    const largeStat = await refusal(fileSystem.stat(`${repository}/refs.bib`));
    assert.strictEqual(largeStat.reason, 'too-large');
  });

  it('turns a failed request into an "unreadable" refusal', async () => {
    const fileSystem = new ClientFileSystem(
      { sendRequest: () => Promise.reject(new Error('the connection is closed')) },
      { roots: ['/secretome/thesis'] },
    );
    const failed = await refusal(fileSystem.read(`${repository}/refs.bib`));
    assert.strictEqual(failed.reason, 'unreadable');
    assert.match(failed.message, /refs\.bib cannot be read: the connection is closed/);
  });

  it('gives up on a request the client never answers: an "unreadable" refusal that says so', async () => {
    const asked: string[] = [];
    const fileSystem = new ClientFileSystem(
      { sendRequest: (method, params) => (asked.push(`${method} ${params.uri}`), new Promise<never>(() => undefined)) },
      { roots: ['/secretome/thesis'] },
      50,
    );
    for (const pending of [fileSystem.stat(`${repository}/refs.bib`), fileSystem.read(`${repository}/refs.bib`), fileSystem.list(`${repository}/chapters`)]) {
      const failed = await refusal(pending);
      assert.strictEqual(failed.reason, 'unreadable');
      assert.match(failed.message, /^(refs\.bib|chapters) cannot be read: the editor did not answer within 50 ms$/);
    }
    assert.deepStrictEqual(asked, [`${statRequest} ${repository}/refs.bib`, `${readFileRequest} ${repository}/refs.bib`, `${listDirectoryRequest} ${repository}/chapters`]);
  });

  it('walks the workspace for manuscripts as URIs of its own scheme, skipping hidden and build folders', async () => {
    const client = fakeClient(files);
    const found = await findManuscriptsThrough((scope) => new ClientFileSystem(client, scope), repository, 100);
    assert.deepStrictEqual(found, {
      files: [`${repository}/chapters/01-intro.md`, `${repository}/paper.md`, `${repository}/thesis.tex`],
      capped: false,
      notListed: 0,
      notListedExact: true,
      notRegular: [],
    });
    const capped = await findManuscriptsThrough((scope) => new ClientFileSystem(client, scope), repository, 2);
    assert.strictEqual(capped.capped, true);
    assert.deepStrictEqual([capped.notListed, capped.notListedExact], [1, true]);
    assert.strictEqual(capped.files.length, 2);
  });

  it("scopes a manuscript to its workspace folders, or to its own folder, plus the setting's paths", () => {
    assert.deepStrictEqual(browserAccessScope(['/secretome/thesis'], '/secretome/thesis/paper.md', ['refs/*.bib', '/elsewhere/library.json']), {
      roots: ['/secretome/thesis'],
      named: ['/secretome/thesis/refs', '/elsewhere/library.json'],
    });
    assert.deepStrictEqual(browserAccessScope([], '/secretome/thesis/chapters/01-intro.md', []), {
      roots: ['/secretome/thesis/chapters'],
      named: [],
    });
    // A Windows browser's fsPath has backslashes.
    assert.deepStrictEqual(browserAccessScope(['\\secretome\\thesis'], '\\secretome\\thesis\\paper.md', []).roots, ['/secretome/thesis']);
  });

  it('normalises URI paths: dots, doubled and trailing slashes, backslashes', () => {
    assert.strictEqual(normalisedPath('/a/b/../c/./d/'), '/a/c/d');
    assert.strictEqual(normalisedPath('//a//b'), '/a/b');
    assert.strictEqual(normalisedPath('/../../etc/passwd'), '/etc/passwd');
    assert.strictEqual(normalisedPath('\\a\\b'), '/a/b');
  });
});
