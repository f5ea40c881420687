/**
 * A map for remembering answers across documents (citation classes, chapters by title): it
 * empties itself when it holds `limit` keys, so memory stays bounded whatever text comes in.
 * Stored values are shared between callers and must not be changed.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }
}

/**
 * A copy of `s` that does not keep the text it was cut from alive, for whatever a cache kept
 * across documents stores (keys, and strings inside its values). V8 makes a slice of 13 or more
 * characters a view into its parent string, so a remembered citation text would hold a closed
 * 10 MB document: joining it to a character gives a rope, which slicing flattens into a new
 * string of its own. Shorter strings are never views (nor ropes) and are returned as they are.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
