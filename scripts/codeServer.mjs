// Installs and runs code-server (a real VS Code, served to a browser) for the editor tests, the UI test and `npm start`.
//
// Why code-server: @vscode/test-electron downloads VS Code desktop, which this network cannot reach; code-server comes
// from the npm registry. It needs Node 24, which the registry also ships (the `node` package), so both live in .cache/.
//
//   node scripts/codeServer.mjs install   installs (or verifies) the pinned code-server and prints where it is
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runQuietly } from './progress.mjs';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.21.0';

const cacheDir = path.join(projectRoot, '.cache');
const nodeDir = path.join(cacheDir, 'node24');
const nodeHome = path.join(nodeDir, 'node_modules', 'node', 'node_modules', `node-linux-${process.arch}`);
const nodeBinary = path.join(nodeHome, 'bin', 'node');
const codeServerDir = path.join(cacheDir, `code-server-${codeServerVersion}`);
const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const installedMarker = path.join(codeServerDir, '.installed');
const logDir = path.join(cacheDir, 'logs');
/**
 * How long the first install takes, as measured on a 2-core machine (the `npm test` of a fresh checkout: Node 24 in
 * 5 s, code-server and its native modules in 157 s, 162 s in all; 826 s while other builds and tests shared the two
 * cores). Compiling the native modules is most of it.
 */
const measuredInstall = 'about 3 minutes on an idle 2-core machine (longer while it is busy)';

/** Native modules that code-server's postinstall compiles; if one is missing the install scripts did not run. */
const nativeModules = [
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
];

const log = (message) => process.stderr.write(`[code-server] ${message}\n`);

/** Installs Node 24 and code-server under .cache/ unless a verified install is already there. */
export function ensureCodeServer() {
  if (existsSync(installedMarker) && verifyInstall()) return { node: nodeBinary, entry: codeServerEntry };
  const started = Date.now();
  log(`first run: installing code-server ${codeServerVersion} (a VS Code for the browser) into .cache/, ${measuredInstall}; once only`);
  ensureGssapiHeaders();
  if (!existsSync(nodeBinary)) {
    mkdirSync(nodeDir, { recursive: true });
    writeFileSync(
      path.join(nodeDir, 'package.json'),
      JSON.stringify({ name: 'node24-cache', private: true, allowScripts: { node: true } }, null, 2),
    );
    const args = ['install', '--no-audit', '--no-fund', '--no-save', `node@${nodeVersion}`];
    npm(`1/2 Node ${nodeVersion} from the npm registry (a few seconds)`, 'node24-install.log', nodeDir, args, process.env.PATH);
  }
  if (!existsSync(nodeBinary)) throw new Error(`Node ${nodeVersion} did not install: ${nodeBinary} is missing`);

  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  // npm 11 runs dependency install scripts only when allowScripts names them; code-server's postinstall builds
  // VS Code's native modules, argon2 is its password hasher.
  writeFileSync(
    path.join(codeServerDir, 'package.json'),
    JSON.stringify(
      { name: 'code-server-cache', private: true, allowScripts: { 'code-server': true, argon2: true } },
      null,
      2,
    ),
  );
  // npm itself runs on Node 24 (code-server's postinstall checks the version in npm's user agent), and node-gyp
  // compiles against the headers shipped with that Node instead of downloading them.
  npm(
    `2/2 code-server ${codeServerVersion} and its native modules (the long step)`,
    'code-server-install.log',
    codeServerDir,
    ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${codeServerVersion}`],
    `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH}`,
    { npm_config_nodedir: nodeHome },
  );
  if (!verifyInstall()) throw new Error('code-server installed but did not verify (see the messages above)');
  writeFileSync(installedMarker, `${codeServerVersion}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s (logs in .cache/logs/)`);
  return { node: nodeBinary, entry: codeServerEntry };
}

function verifyInstall() {
  if (!existsSync(nodeBinary) || !existsSync(codeServerEntry)) return false;
  const packageRoot = path.join(codeServerDir, 'node_modules', 'code-server');
  const missing = nativeModules.filter((file) => !existsSync(path.join(packageRoot, file)));
  if (missing.length > 0) {
    log(`native modules missing (install scripts did not run?): ${missing.join(', ')}`);
    return false;
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'code-server-verify-'));
  try {
    const result = spawnSync(nodeBinary, [codeServerEntry, '--version'], { env: sandboxEnv(home), encoding: 'utf8' });
    if (result.status !== 0 || !result.stdout.includes(`${codeServerVersion} `)) {
      log(`code-server --version failed: ${result.stdout}${result.stderr}`);
      return false;
    }
    // Loading one compiled module proves it matches this Node's ABI.
    const spdlog = path.join(packageRoot, nativeModules[0]);
    const load = spawnSync(nodeBinary, ['-e', `require(${JSON.stringify(spdlog)})`], { encoding: 'utf8' });
    if (load.status !== 0) {
      log(`spdlog.node does not load: ${load.stderr}`);
      return false;
    }
    return true;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The kerberos module compiles against gssapi headers (Debian: libkrb5-dev), installed the one way system packages
 * are (scripts/ensure-system-packages.sh: apt-get update first, a line per step, the output in a log).
 */
function ensureGssapiHeaders() {
  if (existsSync('/usr/include/gssapi/gssapi.h')) return;
  const result = spawnSync('bash', [path.join(projectRoot, 'scripts', 'ensure-system-packages.sh'), 'libkrb5-dev'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('code-server needs the gssapi headers: install libkrb5-dev (apt-get install libkrb5-dev)');
}

function npm(label, logName, cwd, args, pathValue, extraEnv = {}) {
  const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : undefined;
  const command = npmCli ? 'node' : 'npm';
  const fullArgs = npmCli ? [npmCli, ...args] : args;
  // Under `npm test` the environment carries the outer npm's settings (npm_config_user_agent names Node 20, which
  // code-server's postinstall would reject); the inner npm must compute its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  runQuietly('code-server', label, command, fullArgs, {
    cwd,
    env: { ...env, ...extraEnv, PATH: pathValue, npm_config_update_notifier: 'false' },
    logFile: path.join(logDir, logName),
  });
}

/** HOME, XDG folders and TMPDIR inside `root`, so nothing leaks into (or in from) the real home folder. */
export function sandboxEnv(root, extra = {}) {
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache', XDG_STATE_HOME: 'state', TMPDIR: 'tmp' };
  const env = { ...process.env };
  for (const [name, sub] of Object.entries(dirs)) {
    env[name] = path.join(root, sub);
    mkdirSync(env[name], { recursive: true });
  }
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return { ...env, ...extra };
}

/** A fresh folder tree for one run: user data, extensions, home. Fresh every run so hot-exit backups never carry over. */
export function createSandbox(name) {
  const root = mkdtempSync(path.join(os.tmpdir(), `secretome-${name}-`));
  const sandbox = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    browserProfileDir: path.join(root, 'chromium-profile'),
    env: (extra) => sandboxEnv(root, extra),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  mkdirSync(path.join(sandbox.userDataDir, 'User'), { recursive: true });
  mkdirSync(sandbox.extensionsDir, { recursive: true });
  return sandbox;
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, trust prompts, updates or telemetry. */
export function writeUserSettings(sandbox, settings = {}) {
  const defaults = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'files.hotExit': 'off',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(
    path.join(sandbox.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaults, ...settings }, null, 2),
  );
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function codeServerArgs(sandbox, port) {
  const config = path.join(sandbox.root, 'code-server.yaml');
  writeFileSync(config, 'auth: none\n');
  return [
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', sandbox.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

/** Installs a .vsix into the sandbox's extensions folder with code-server's own installer. */
export function installExtension(sandbox, vsixPath) {
  const { node, entry } = ensureCodeServer();
  const args = [entry, ...codeServerArgs(sandbox, 0), '--force', '--install-extension', vsixPath];
  const result = spawnSync(node, args, { env: sandbox.env(), encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${result.status}):\n${output}`);
  }
  return output.trim();
}

/**
 * Starts code-server in its own process group (extension hosts outlive the browser; killing the group ends them)
 * and resolves once it answers HTTP. `smokeTestDriver` lets the page's URL payload run an extension test suite.
 */
export async function startCodeServer(sandbox, { smokeTestDriver = false, env = {}, onOutput, port: wantedPort } = {}) {
  const { node, entry } = ensureCodeServer();
  const port = wantedPort ?? (await freePort());
  const args = [entry, ...codeServerArgs(sandbox, port)];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(node, args, { env: sandbox.env(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    onOutput?.(String(chunk));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await delay(200);
  }
  return {
    url,
    port,
    child,
    output: () => output,
    /** A URI the remote side (code-server) resolves to a path on this machine. */
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(absolutePath).pathname}`,
    stop: () => stopGroup(child),
  };
}

/** The workbench address that opens `folder`, with optional payload entries (pairs, as VS Code's web embedder reads them). */
export function workbenchUrl(server, folder, payload) {
  // A .code-workspace file opens as a multi-root workspace; anything else as one folder.
  const query = new URLSearchParams(folder.endsWith('.code-workspace') ? { workspace: folder } : { folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

async function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  if (timedOut) killGroup(child, 'SIGKILL');
  // Extension hosts may ignore SIGTERM; make sure nothing of the group survives.
  killGroup(child, 'SIGKILL');
}

function killGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Headless Debian Chromium through playwright-core; never a downloaded browser. */
export async function launchChromium(sandbox, { headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  mkdirSync(sandbox.browserProfileDir, { recursive: true });
  return chromium.launchPersistentContext(sandbox.browserProfileDir, {
    executablePath,
    headless,
    viewport: { width: 1400, height: 900 },
    env: sandbox.env(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a JSON file or returns undefined. */
export function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'install';
  if (command !== 'install') {
    console.error('usage: node scripts/codeServer.mjs install');
    process.exit(2);
  }
  const { node, entry } = ensureCodeServer();
  console.log(`code-server ${codeServerVersion} ready: ${node} ${entry}`);
}
