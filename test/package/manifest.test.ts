// The manifest's conventions: every user-facing string of package.json is a %key% that package.nls.json defines,
// settings are described in Markdown, and the workspace capabilities are declared.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const strings: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

describe('package: the manifest', () => {
  it('defines every %key% package.json uses, and no key it does not use', () => {
    const used = new Set([...manifestText.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]));
    assert.ok(used.size > 20, `package.json uses ${used.size} keys`);
    assert.deepStrictEqual([...used].filter((key) => !(key in strings)), [], 'used but not defined');
    assert.deepStrictEqual(Object.keys(strings).filter((key) => !used.has(key)), [], 'defined but not used');
  });

  it('localises its titles and descriptions: none is written in package.json itself', () => {
    const literal: string[] = [];
    const visit = (value: unknown, where: string) => {
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${where}[${index}]`));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          const userFacing = ['title', 'description', 'markdownDescription', 'displayName'].includes(key);
          if (userFacing && typeof item === 'string' && !/^%.+%$/.test(item)) literal.push(`${where}.${key}`);
          else visit(item, `${where}.${key}`);
        }
      }
    };
    visit({ displayName: manifest.displayName, description: manifest.description, contributes: manifest.contributes }, 'package.json');
    assert.deepStrictEqual(literal, []);
  });

  it('describes every setting in Markdown', () => {
    const properties: Record<string, { markdownDescription?: string; description?: string }> = manifest.contributes.configuration.properties;
    assert.deepStrictEqual(Object.keys(properties).filter((name) => !properties[name].markdownDescription), []);
  });

  it('declares how it works in untrusted and virtual workspaces', () => {
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.strictEqual(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(strings[manifest.capabilities.virtualWorkspaces.description.slice(1, -1)].length > 20);
  });

  it('activates on and serves Quarto and R Markdown as well as Markdown, LaTeX and text', () => {
    for (const language of ['markdown', 'quarto', 'rmd', 'latex', 'plaintext']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
    const contextMenu = manifest.contributes.menus['editor/context'].find((item: { command: string }) => item.command === 'secretome.insertCitation');
    assert.match(contextMenu.when, /editorLangId == plaintext/);
  });

  it('has a walkthrough whose step pages exist', () => {
    const steps: { media: { markdown: string } }[] = manifest.contributes.walkthroughs[0].steps;
    assert.ok(steps.length >= 5);
    assert.deepStrictEqual(steps.map((step) => step.media.markdown).filter((page) => !fs.existsSync(path.join(root, page))), []);
  });
});
