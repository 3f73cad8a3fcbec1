/**
 * A least-recently-used memo cache bounded by an estimate of the memory it holds, not by its number of entries: a
 * cache of paragraphs must hold many short ones or a few long ones in the same space, and never grow with the text
 * a session has seen. Pure (no clock, no I/O), so the core's memo caches can use it.
 */
export class ByteBoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private held = 0;

  /**
   * @param maxBytes the estimate the cache keeps itself under (oldest entries are dropped first)
   * @param sizeOf an estimate of the bytes one entry holds, its key included
   */
  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (key: K, value: V) => number,
  ) {}

  /** The bytes the entries are estimated to hold. */
  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-inserting keeps the map in least-recently-used order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores the value unless it alone is larger than the whole cache (then it is not kept). */
  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(key, value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= entry.bytes;
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}

/**
 * A copy of `text` that does not keep alive the string it was cut from. Engines keep a slice's whole parent (V8 does for
 * slices of 13 characters or more): a paragraph's text kept as a cache key would hold the whole document it came
 * from, one per edit. Joining forces a fresh string; short strings are copies already.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** Bytes a string is estimated to hold in the engine: two per character, plus the object's header. */
export function stringBytes(text: string): number {
  return 2 * text.length + 32;
}
