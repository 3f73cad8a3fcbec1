/** Offsets into a text as 0-based LSP lines and characters: the newlines are found once, then each lookup is a binary search. */
export interface LineCounter {
  line(offset: number): number;
  position(offset: number): { line: number; character: number };
}

export function lineCounter(text: string): LineCounter {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const newlines = new Int32Array(count);
  let index = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) newlines[index++] = at;
  /** The number of newlines before `offset`: its line. */
  const line = (offset: number) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newlines[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    line,
    position(offset) {
      const at = line(offset);
      return { line: at, character: offset - (at === 0 ? 0 : newlines[at - 1] + 1) };
    },
  };
}
