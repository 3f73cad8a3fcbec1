// Tokenizes text the way VS Code does: VS Code's own Markdown and LaTeX grammars (from tm-grammars) with our
// injection grammar injected into both, through vscode-textmate and the Oniguruma WebAssembly build.
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const INJECTION_PATH = path.join(__dirname, '..', '..', 'syntaxes', 'secretome.injection.tmLanguage.json');
export const INJECTION_SCOPE = 'secretome.injection';
export const MARKDOWN = 'text.html.markdown';
export const LATEX = 'text.tex.latex';

/** One token: its text, where it starts in its line, and its scope stack without the root scope. */
export interface Token {
  text: string;
  line: number;
  start: number;
  scopes: string[];
}

export type Tokenizer = (hostScope: string, text: string) => Token[];

const grammarFiles: Record<string, string> = {
  [MARKDOWN]: require.resolve('tm-grammars/grammars/markdown.json'),
  [LATEX]: require.resolve('tm-grammars/grammars/latex.json'),
  'text.tex': require.resolve('tm-grammars/grammars/tex.json'),
  [INJECTION_SCOPE]: INJECTION_PATH,
};

/** Our package.json's injectTo, read rather than repeated, so the test injects where VS Code will. */
function injectionTargets(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const contribution = (manifest.contributes?.grammars ?? []).find(
    (grammar: { scopeName?: string }) => grammar.scopeName === INJECTION_SCOPE,
  );
  return contribution?.injectTo ?? [];
}

export async function createTokenizer(): Promise<Tokenizer> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const targets = injectionTargets();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    // Grammars the hosts embed (JavaScript in fenced code, and so on) are absent: their text stays unscoped.
    loadGrammar: async (scopeName: string) => {
      const file = grammarFiles[scopeName];
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName: string) => (targets.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
  const grammars = new Map<string, textmate.IGrammar>();
  for (const scopeName of [MARKDOWN, LATEX]) {
    const grammar = await registry.loadGrammar(scopeName);
    if (!grammar) throw new Error(`Cannot load the ${scopeName} grammar`);
    grammars.set(scopeName, grammar);
  }
  return (hostScope, text) => {
    const grammar = grammars.get(hostScope);
    if (!grammar) throw new Error(`No grammar for ${hostScope}`);
    const tokens: Token[] = [];
    let state = textmate.INITIAL;
    text.split('\n').forEach((lineText, line) => {
      const result = grammar.tokenizeLine(lineText, state);
      state = result.ruleStack;
      for (const token of result.tokens) {
        tokens.push({
          text: lineText.slice(token.startIndex, token.endIndex),
          line,
          start: token.startIndex,
          scopes: token.scopes.slice(1),
        });
      }
    });
    return tokens;
  };
}
