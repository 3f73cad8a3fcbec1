/** Shared wording: how the core writes reference numbers and references in hovers, completions and messages. */

/** Writes reference numbers as the review does: sorted, consecutive runs as ranges, e.g. [11-18] or [4, 27-29]. */
export function formatReferenceNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return `[${parts.join(', ')}]`;
}

/** Escapes text for Markdown hovers so titles with `*` or `_` render as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
