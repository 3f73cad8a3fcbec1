// Typing as a person does: one key at a time, about 100 ms apart, never asking for suggestions with Ctrl+Space.
// After each key the test reads the suggest widget as it is on screen, so a list that closes while the user types
// (an answer VS Code took as complete) fails the test at the key where it closed.
import path from 'node:path';

/** About the pace of a fast typist. */
export const keyIntervalMs = 100;
/**
 * How long after a key the widget may take to show its answer before the step fails. Normally it is already there
 * when the next key is due; the margin covers a slow CI machine, not a list that closed.
 */
const widgetWaitMs = 3000;

const rowsSelector = '.editor-widget.suggest-widget .monaco-list .monaco-list-row';

/**
 * The rows the suggest widget shows, in order, each as `label` (what gets inserted) and `description`; empty when the
 * widget is closed.
 */
export async function suggestRows(page) {
  const widget = page.locator('.editor-widget.suggest-widget').first();
  if (!(await widget.isVisible().catch(() => false))) return [];
  return page.locator(rowsSelector).evaluateAll((rows) =>
    rows
      .filter((row) => row.offsetParent !== null)
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (row.querySelector('.label-description, .details-label')?.textContent ?? '').trim(),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

/** Polls until the widget shows rows that satisfy `accept` (default: any row); returns them, or the last seen. */
export async function waitForRows(page, accept = (rows) => rows.length > 0, timeoutMs = widgetWaitMs) {
  const deadline = Date.now() + timeoutMs;
  let rows = await suggestRows(page);
  while (!accept(rows) && Date.now() < deadline) {
    await page.waitForTimeout(25);
    rows = await suggestRows(page);
  }
  return { rows, ok: accept(rows) };
}

/**
 * Types `text` key by key, `keyIntervalMs` apart. Before the next key, `check(typedSoFar, key)` runs (it may wait for
 * the widget, which only slows the typing down when the editor is late).
 */
export async function typeLikeAPerson(page, text, check) {
  let typed = '';
  for (const key of text) {
    await page.keyboard.type(key);
    typed += key;
    // Look at the screen just before the next key is due, as the typist would: by then the answer to this key has
    // arrived (the server answers in milliseconds), so rows left over from the previous key do not count.
    await page.waitForTimeout(keyIntervalMs);
    if (check) await check(typed, key);
  }
}

/** A screenshot name that says which step it shows: `md-03-[Ca.png`. */
export function stepScreenshot(dir, prefix, step, typed) {
  const safe = typed.replace(/[^\w[{\\-]+/g, '_').replace(/\\/g, 'bs-').slice(-40);
  return path.join(dir, `${prefix}-${String(step).padStart(2, '0')}-${safe}.png`);
}
