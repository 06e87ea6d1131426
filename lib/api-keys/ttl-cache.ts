/**
 * A small time-bounded cache with a size cap (oldest entries go first), for the machine API's hot
 * path: it spares a database round trip per request for things that change rarely. Kept per
 * database client, like the in-process single flight (lib/tokens/coalesce.ts).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V, now = Date.now(), ttlMs = this.ttlMs): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * On globalThis, not in module scope: Next.js may load a module once for route handlers and again
 * for pages and server actions, and revoking a key in an action must clear what the API routes cached.
 */
const globalCaches = globalThis as unknown as { latchkeyTtlCaches?: WeakMap<object, Map<string, TtlCache<unknown, unknown>>> };

/** The cache named `name` for this database client. */
export function cacheFor<K, V>(scope: object, name: string, ttlMs: number): TtlCache<K, V> {
  const registries = (globalCaches.latchkeyTtlCaches ??= new WeakMap());
  let byName = registries.get(scope);
  if (!byName) registries.set(scope, (byName = new Map()));
  let cache = byName.get(name);
  if (!cache) byName.set(name, (cache = new TtlCache<unknown, unknown>(ttlMs)));
  return cache as TtlCache<K, V>;
}
