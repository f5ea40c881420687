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
