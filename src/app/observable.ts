/**
 * The one way a controller tells its host that part of its state changed: by name. A host (the Svelte
 * adapters in ui/, a test, a command line) copies the named field when told. Controllers replace a
 * field's value rather than mutate it, so a host can compare by identity.
 */
export type Listener<K extends string> = (key: K) => void;

export class Observable<K extends string> {
  private readonly listeners = new Set<Listener<K>>();

  subscribe(fn: Listener<K>): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  protected emit(...keys: K[]): void {
    for (const key of keys) for (const fn of [...this.listeners]) fn(key);
  }
}
