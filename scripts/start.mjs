// `npm start`: builds the extension and opens a sample secretome manuscript in a real VS Code with it installed.
//
// With desktop VS Code (`code` on PATH) the project runs as the development extension in a new window. Otherwise
// code-server (installed into .cache/ on first run) serves VS Code at a printed localhost address, with the packaged
// .vsix installed. Either way this stays in the foreground until Ctrl+C.
//
//   npm start                       (PORT=8080 npm start picks the port; --check starts, verifies and exits)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  ensureCodeServer,
  installExtension,
  projectRoot,
  sandboxEnv,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';
import { runQuietly, say } from './progress.mjs';

const sampleSource = path.join(projectRoot, 'test', 'fixtures', 'editor', 'sample.md');
const startDir = path.join(projectRoot, '.cache', 'start');
const checkOnly = process.argv.includes('--check');
const logDir = path.join(projectRoot, '.cache', 'logs');

/** One step of the start, its output in .cache/logs/<name>.log (shown if it fails), a line when it starts and ends. */
function run(label, logName, command, args) {
  try {
    runQuietly('start', label, command, args, { cwd: projectRoot, env: process.env, logFile: path.join(logDir, logName) });
  } catch {
    process.exit(1);
  }
}

/** The sample is copied once into .cache/start/manuscripts, so edits made while trying it never dirty the repository. */
function prepareSample() {
  const folder = path.join(startDir, 'manuscripts');
  const sample = path.join(folder, 'sample.md');
  mkdirSync(folder, { recursive: true });
  if (!existsSync(sample)) copyFileSync(sampleSource, sample);
  return { folder, sample };
}

function hasDesktopCode() {
  if (process.env.SECRETOME_START_CODE_SERVER) return false;
  const probe = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && !/code-server/.test(probe.stdout);
}

async function startDesktop({ folder, sample }) {
  run('1/2 building the extension', 'build.log', process.execPath, ['esbuild.mjs']);
  say('start', `2/2 opening the sample manuscript in VS Code with Secretome Writer as the development extension (Ctrl+C to stop)…`);
  const child = spawn(
    'code',
    ['--new-window', '--wait', `--extensionDevelopmentPath=${projectRoot}`, folder, sample],
    { stdio: 'inherit' },
  );
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startInCodeServer({ folder, sample }) {
  say('start', '1/4 code-server (a VS Code for the browser)…');
  ensureCodeServer(); // On first run this installs it, a line per step, and says how long it takes.
  say('start', '  ready');
  run('2/4 building and packaging the extension (secretome-writer.vsix)', 'package.log', 'npm', ['run', 'package']);

  // A persistent profile in .cache/start keeps the user's settings between starts; the extension is reinstalled
  // from the fresh .vsix every time so it is always the code just built.
  const sandbox = {
    root: startDir,
    userDataDir: path.join(startDir, 'user-data'),
    extensionsDir: path.join(startDir, 'extensions'),
    env: (extra) => sandboxEnv(path.join(startDir, 'env'), extra),
    remove: () => rmSync(startDir, { recursive: true, force: true }),
  };
  mkdirSync(path.join(sandbox.userDataDir, 'User'), { recursive: true });
  mkdirSync(sandbox.extensionsDir, { recursive: true });
  if (!existsSync(path.join(sandbox.userDataDir, 'User', 'settings.json'))) writeUserSettings(sandbox);
  say('start', '3/4 installing it into code-server…');
  installExtension(sandbox, path.join(projectRoot, 'secretome-writer.vsix'));

  say('start', '4/4 starting code-server…');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(sandbox, { port });
  const url = workbenchUrl(server, folder, [['openFile', server.remoteUri(sample)]]);
  console.log('');
  console.log('Secretome Writer is running in VS Code (code-server). Open this address in a browser:');
  console.log(`  ${url}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`code-server exited (${code})`);
      process.exit(1);
    }
  });

  if (checkOnly) {
    stopping = true;
    const response = await fetch(url);
    const page = await response.text();
    const ok = response.ok && page.includes('workbench');
    console.log(ok ? 'start check: the workbench answered' : `start check failed: HTTP ${response.status}`);
    await server.stop();
    process.exit(ok ? 0 : 1);
  }
}

const sample = prepareSample();
if (hasDesktopCode()) await startDesktop(sample);
else await startInCodeServer(sample);
