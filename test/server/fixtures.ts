/** Fixture documents with named cursor markers `⟦name⟧`, read for protocol tests. */
import * as fs from 'fs';
import * as path from 'path';
import type { Position } from 'vscode-languageserver-protocol';

export interface Fixture {
  uri: string;
  text: string;
  at(name: string): Position;
}

const marker = /⟦([a-z0-9-]+)⟧/g;

export function loadFixture(relativePath: string): Fixture {
  const file = path.join(__dirname, '../fixtures', relativePath);
  const marked = fs.readFileSync(file, 'utf8');
  const positions = new Map<string, Position>();
  let text = '';
  let last = 0;
  for (const match of marked.matchAll(marker)) {
    text += marked.slice(last, match.index);
    const lines = text.split('\n');
    positions.set(match[1], { line: lines.length - 1, character: lines[lines.length - 1].length });
    last = match.index! + match[0].length;
  }
  text += marked.slice(last);
  return {
    uri: `file://${file}`,
    text,
    at(name) {
      const position = positions.get(name);
      if (!position) throw new Error(`no marker ⟦${name}⟧ in ${relativePath}`);
      return position;
    },
  };
}
