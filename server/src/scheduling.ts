/**
 * Long analysis on the server's one thread, in time slices: a step generator from the core (validateSteps) is driven
 * for a few milliseconds, then the event loop takes the messages that came meanwhile (a hover on another document,
 * an edit, a cancellation) before the next slice. The core holds no timer; this is the only place that schedules.
 */

/** How long one slice may run before other work gets its turn: well under what a person notices. */
export const sliceMs = 15;

/** Lets the event loop run I/O callbacks (incoming messages) before going on: setImmediate runs after them. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Drives `steps` to its end, `sliceMs` at a time, and gives its result; undefined if `abandoned()` said so between
 * two slices (the document changed or closed), in which case the generator is closed and its work dropped.
 */
export async function runInSlices<T>(
  steps: Generator<void, T, void>,
  abandoned: () => boolean,
  now: () => number = () => performance.now(),
): Promise<T | undefined> {
  try {
    for (;;) {
      const sliceEnd = now() + sliceMs;
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        if (now() >= sliceEnd) break;
      }
      await yieldToEventLoop();
      if (abandoned()) return undefined;
    }
  } finally {
    steps.return(undefined as T);
  }
}
