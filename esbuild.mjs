// Bundles the client, the language server and the command-line linter into dist/ (Node), and the browser client with
// its in-process server into dist/browser/ (VS Code for the Web).
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/**
 * The web worker extension host loads the `browser` entry as a CommonJS module with `vscode` provided; there is no
 * Node there, so nothing may import a Node built-in (checked below on the metafile, not only left to the resolver).
 */
const browser = { platform: 'browser', target: 'es2022', metafile: true, external: ['vscode'] };

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // Parses large bibliographies off the server's event loop (server/src/workspace/backgroundParser.ts).
  { entryPoints: ['server/src/workspace/bibliographyWorker.ts'], outfile: 'dist/bibliographyWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The client and, in the same worker, the server (server/src/browserServer.ts).
  { entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/browser/extension.js', ...browser },
];

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Fails the build if a browser bundle imports a Node built-in (fs, path, worker_threads…), even as an external. */
function assertNoNodeBuiltins(outfile, metafile) {
  const found = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      if (nodeBuiltins.has(imported.path) || nodeBuiltins.has(imported.original ?? '')) found.push(`${input} imports ${imported.original ?? imported.path}`);
    }
  }
  if (found.length > 0) throw new Error(`${outfile} must run without Node, but:\n  ${found.join('\n  ')}`);
}

for (const options of builds) {
  if (watch) {
    const context = await esbuild.context({ ...shared, ...options });
    await context.watch();
  } else {
    const result = await esbuild.build({ ...shared, ...options });
    if (options.platform === 'browser') assertNoNodeBuiltins(options.outfile, result.metafile);
  }
}
