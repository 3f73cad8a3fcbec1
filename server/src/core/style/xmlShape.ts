/**
 * Whether a style file's tags nest: citeproc-js's own XML reader accepts unclosed and mismatched tags and formats
 * something wrong without a word, so a broken .csl is caught here, with the line to look at. Not a full XML
 * parser: tags, comments, CDATA, processing instructions and the doctype are told apart; text is skipped.
 */

/** Undefined when every element is closed in order; else what is wrong and on which line ("line 4: …"). */
export function tagNestingProblem(xml: string): string | undefined {
  const open: Array<{ name: string; line: number }> = [];
  const markup = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|</g;
  // Lines are counted as the scan moves forward, not from the start for each tag.
  let line = 1;
  let counted = 0;
  let match: RegExpExecArray | null;
  while ((match = markup.exec(xml))) {
    const [whole, closing, name, , selfClosing] = match;
    for (let index = xml.indexOf('\n', counted); index !== -1 && index < match.index; index = xml.indexOf('\n', index + 1)) line++;
    counted = match.index;
    if (whole.startsWith('<!--') || whole.startsWith('<![CDATA[') || whole.startsWith('<?') || whole.startsWith('<!DOCTYPE')) continue;
    if (!name) return `line ${line}: a "<" that starts no tag`;
    if (closing) {
      const last = open.pop();
      if (!last) return `line ${line}: </${name}> closes nothing`;
      if (last.name !== name) return `line ${line}: </${name}> closes <${last.name}> (opened on line ${last.line})`;
    } else if (!selfClosing) {
      open.push({ name, line });
    }
  }
  const unclosed = open.pop();
  return unclosed ? `line ${unclosed.line}: <${unclosed.name}> is never closed` : undefined;
}
