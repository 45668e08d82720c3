import type { Queryable } from '../store/index.ts';
import { loadFieldRegistry, type FieldRegistry } from './registry.ts';

/** Keeps the field registry for a few seconds, so a list request does not read the catalogue each time. */
export class FieldRegistryCache {
  private cached: { at: number; value: Promise<FieldRegistry> } | null = null;

  constructor(private readonly maxAgeMs = 5_000) {}

  get(db: Queryable): Promise<FieldRegistry> {
    if (!this.cached || Date.now() - this.cached.at >= this.maxAgeMs) {
      const value = loadFieldRegistry(db);
      this.cached = { at: Date.now(), value };
      value.catch(() => { this.cached = null; });
    }
    return this.cached.value;
  }
}
