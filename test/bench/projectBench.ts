/**
 * `npm run bench` (project part): finding and reading a 100,000-word manuscript of 30 chapters, as the server does
 * before each check of a chapter: Manubot `content/NN.*.md`, and a LaTeX root that `\input`s 30 chapters. Cold: a new
 * ProjectFiles (nothing read yet; the OS file cache is warm, as it is in an editor). Warm: the same one again, when
 * nothing changed (a stat per file). Also the first check of a chapter with its project in force (every chapter
 * parsed) and the next one. The baseline is a plain read of the 30 files with fs.readFileSync.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProjectFiles } from '../../server/src/project';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { createLanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig } from '../../server/src/core/config';
import { makeManuscript } from './manuscriptGenerator';
import { report, type Measurement } from './measure';

const chapters = 30;
const totalWords = 100_000;

async function measureAsync(name: string, runs: number, work: (run: number) => Promise<void>, warmup = 3): Promise<Measurement> {
  const times: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    const start = performance.now();
    await work(run);
    if (run >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)] };
}

function writeProjects(folder: string): { manubot: string[]; latexRoot: string; latexChapter: string } {
  const text = makeManuscript(totalWords / chapters);
  const manubot: string[] = [];
  fs.mkdirSync(path.join(folder, 'manubot/content'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'latex/chapters'), { recursive: true });
  const inputs: string[] = [];
  for (let index = 1; index <= chapters; index++) {
    const name = `${String(index).padStart(2, '0')}.chapter-${index}.md`;
    const file = path.join(folder, 'manubot/content', name);
    fs.writeFileSync(file, `${text}\n\nChapter ${index} ends [${(index % 54) + 1}].\n`);
    manubot.push(file);
    fs.writeFileSync(path.join(folder, `latex/chapters/chapter${index}.tex`), `\\section{Chapter ${index}}\n${text.replace(/\[(\d+)\]/g, '\\cite{r$1}')}\n`);
    inputs.push(`\\input{chapters/chapter${index}}`);
  }
  const latexRoot = path.join(folder, 'latex/main.tex');
  fs.writeFileSync(latexRoot, `\\documentclass{article}\n\\begin{document}\n${inputs.join('\n')}\n\\end{document}\n`);
  return { manubot, latexRoot, latexChapter: path.join(folder, 'latex/chapters/chapter15.tex') };
}

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'secretome-project-bench-'));
  try {
    const { manubot, latexChapter } = writeProjects(folder);
    const words = manubot.reduce((sum, file) => sum + fs.readFileSync(file, 'utf8').split(/\s+/).length, 0);
    console.log(`project: ${chapters} chapters, ${words.toLocaleString('en')} words (Manubot), the same as LaTeX \\input chapters`);
    const files = new NodeFileSystem({ roots: [folder] });
    const options = { workspaceFolders: [pathToFileURL(folder).href] };
    const served = (file: string, languageId: string) => TextDocument.create(pathToFileURL(file).href, languageId, 1, fs.readFileSync(file, 'utf8'));
    const manubotChapter = served(manubot[14], 'markdown');
    const texChapter = served(latexChapter, 'latex');
    const expectFiles = async (projects: ProjectFiles, document: TextDocument, count: number) => {
      const found = await projects.projectFor(document, files, options);
      if (found?.project.documents.length !== count) throw new Error(`found ${found?.project.documents.length} files, not ${count}`);
    };

    const baseline = await measureAsync('baseline: readFileSync of the 30 chapters', 20, async () => {
      for (const file of manubot) fs.readFileSync(file, 'utf8');
    });
    const measurements = [baseline];
    measurements.push(await measureAsync('Manubot: find + read, cold', 20, () => expectFiles(new ProjectFiles(), manubotChapter, chapters)));
    const warmManubot = new ProjectFiles();
    measurements.push(await measureAsync('Manubot: find + read, warm', 50, () => expectFiles(warmManubot, manubotChapter, chapters)));
    measurements.push(
      await measureAsync('Manubot: a request reusing the last project', 50, async () => {
        const found = await warmManubot.projectFor(manubotChapter, files, options, true);
        if (found?.project.documents.length !== chapters) throw new Error('not reused');
      }),
    );
    measurements.push(await measureAsync('LaTeX: find root + read tree, cold', 20, () => expectFiles(new ProjectFiles(), texChapter, chapters + 1)));
    const warmLatex = new ProjectFiles();
    measurements.push(await measureAsync('LaTeX: find root + read tree, warm', 50, () => expectFiles(warmLatex, texChapter, chapters + 1)));

    // A check of a chapter with its project in force: the first parses all 30 chapters, the next reuses the parses.
    const dataset = loadBundledDataset();
    const projects = new ProjectFiles();
    const found = (await projects.projectFor(manubotChapter, files, options))!;
    const config = resolveConfig({ sources: { project: found.project } });
    measurements.push(
      await measureAsync('Manubot: first check of a chapter with its project (30 parsed)', 5, async () => {
        createLanguageService({ dataset }).doValidate(manubotChapter, config);
      }, 1),
    );
    const service = createLanguageService({ dataset });
    measurements.push(await measureAsync('Manubot: next check of the chapter (parses cached)', 10, async () => void service.doValidate(manubotChapter, config), 2));
    report(measurements, baseline);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

void main();
