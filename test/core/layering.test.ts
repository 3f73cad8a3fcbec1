/**
 * The core's invariant, checked: it imports only protocol types, the text document, vscode-uri, the yaml parser and
 * citeproc-js (a pure CSL formatter: strings in, strings out; the style module hands it XML and items).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const coreFolder = path.join(__dirname, '../../server/src/core');
const allowedPackages = new Set(['vscode-languageserver-types', 'vscode-languageserver-textdocument', 'vscode-uri', 'yaml', 'citeproc']);

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('layering: the pure core', () => {
  const files = sourceFiles(coreFolder);

  it('has source files to check', () => assert.ok(files.length > 20, `${files.length} files`));

  for (const file of files) {
    const relative = path.relative(coreFolder, file);
    it(`${relative} imports no connection, editor or I/O module`, () => {
      const source = fs.readFileSync(file, 'utf8');
      const imported = [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'|\brequire\('([^']+)'\)/gm)].map(
        (match) => match[1] ?? match[2] ?? match[3],
      );
      for (const name of imported) {
        if (name.startsWith('.')) {
          const target = path.resolve(path.dirname(file), name);
          // Data may be imported (JSON is not I/O); code must stay inside the core.
          assert.ok(target.startsWith(coreFolder) || name.endsWith('.json'), `${relative} imports ${name} from outside the core`);
        } else {
          assert.ok(allowedPackages.has(name), `${relative} imports ${name}`);
        }
      }
      assert.ok(!/\bprocess\.|console\.|Date\.now|performance\.now/.test(source), `${relative} touches the process, console or clock`);
    });
  }
});
