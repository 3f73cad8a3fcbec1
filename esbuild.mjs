// Bundles the client, the language server and the command-line linter into dist/.
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

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // Parses large bibliographies off the server's event loop (server/src/workspace/backgroundParser.ts).
  { entryPoints: ['server/src/workspace/bibliographyWorker.ts'], outfile: 'dist/bibliographyWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

for (const options of builds) {
  if (watch) {
    const context = await esbuild.context({ ...shared, ...options });
    await context.watch();
  } else {
    await esbuild.build({ ...shared, ...options });
  }
}
