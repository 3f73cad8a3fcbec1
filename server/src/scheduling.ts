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

/**
 * Lets the event loop run incoming messages before going on. In Node setImmediate runs after the I/O callbacks. A web
 * worker (the browser build's server, browserServer.ts) has no setImmediate: there a message posted to itself is a
 * task queued behind the messages already received, without the 4 ms a nested setTimeout is clamped to. Decided per
 * call, by what the running platform has.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  const Channel = (globalThis as unknown as { MessageChannel?: new () => { port1: YieldPort; port2: YieldPort } }).MessageChannel;
  if (!Channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new Channel();
    port1.onmessage = () => {
      // A fresh pair per yield, closed at once: no port is left open to keep a process or worker alive.
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

/** The part of a MessagePort (DOM or Node's worker_threads) the yield uses. */
interface YieldPort {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

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
