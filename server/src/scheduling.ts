/**
 * Long analysis on the server's one thread, in time slices, behind the requests: a step generator from the core
 * (validateSteps) is driven for a few milliseconds, then the event loop takes the messages that came meanwhile (a
 * hover on another document, an edit, a cancellation) before the next slice. A request is often several turns of the
 * event loop (its configuration, a file's modification time), so while one is being answered no slice runs at all:
 * requests come first, analysis takes the gaps. The core holds no timer; this is the only place that schedules.
 */

/** How long one slice may run before other work gets its turn: well under what a person notices. */
export const sliceMs = 10;

/**
 * How long analysis waits for requests to finish before it runs one slice anyway, so a stream of requests (or one
 * that waits on something slow) never starves the diagnostics.
 */
export const maxDeferMs = 250;

/** Lets the event loop run I/O callbacks (incoming messages) before going on: setImmediate runs after them. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface Scheduler {
  /** Runs a request's work; background slices wait while any is running. */
  foreground<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Drives `steps` to its end, a slice at a time between requests, and gives its result; undefined if `abandoned()`
   * said so between two slices (the document changed or closed), in which case the generator is closed.
   */
  runInSlices<T>(steps: Generator<void, T, void>, abandoned: () => boolean): Promise<T | undefined>;
}

export function createScheduler(now: () => number = () => performance.now()): Scheduler {
  let running = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Resolves when no request is running, or after maxDeferMs at most. */
  const requestsDone = async (): Promise<void> => {
    if (running === 0) return;
    if (!idle) {
      let resolve!: () => void;
      idle = { promise: new Promise<void>((r) => (resolve = r)), resolve };
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([idle.promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxDeferMs)))]);
    clearTimeout(timer);
  };

  return {
    async foreground(work) {
      running++;
      try {
        return await work();
      } finally {
        if (--running === 0 && idle) {
          idle.resolve();
          idle = undefined;
        }
      }
    },
    async runInSlices(steps, abandoned) {
      try {
        for (;;) {
          const sliceEnd = now() + sliceMs;
          for (;;) {
            const step = steps.next();
            if (step.done) return step.value;
            if (now() >= sliceEnd) break;
          }
          await yieldToEventLoop();
          await requestsDone();
          if (abandoned()) return undefined;
        }
      } finally {
        steps.return(undefined as never);
      }
    },
  };
}
