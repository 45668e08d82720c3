/**
 * A read-only map from hashed term key to feature column, stored as an
 * open-addressing hash table in typed arrays. A JavaScript Map with a million
 * number keys made vectorising 50,000 tickets spend most of its time on
 * lookups; this table keeps the same get/has calls at a fraction of the cost.
 */
export class ColumnTable {
  private readonly slots: Uint32Array;
  private readonly columns: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(keys: Uint32Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity);
    this.columns = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.size = keys.length;

    keys.forEach((key, column) => {
      let slot = this.slotOf(key);
      while (this.columns[slot] >= 0 && this.slots[slot] !== key) slot = (slot + 1) & this.mask;
      if (this.columns[slot] < 0) {
        this.slots[slot] = key;
        this.columns[slot] = column;
      }
    });
  }

  /** Returns the column of key, or undefined when the key is not a feature. */
  get(key: number): number | undefined {
    let slot = this.slotOf(key);
    while (this.columns[slot] >= 0) {
      if (this.slots[slot] === key) return this.columns[slot];
      slot = (slot + 1) & this.mask;
    }
    return undefined;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Spreads the keys, whose low bits come from the feature hash, over the table with a multiplicative mix. */
  private slotOf(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }
}

/** A growable open-addressing table of counts keyed by 32-bit hashed term keys, for document frequencies. */
export class CountTable {
  private slots = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  private used = 0;

  get(key: number): number {
    const mask = this.slots.length - 1;
    let slot = mixKey(key) & mask;
    while (this.counts[slot] > 0) {
      if (this.slots[slot] === key) return this.counts[slot];
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  increment(key: number): void {
    if (this.used * 2 >= this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let slot = mixKey(key) & mask;
    while (this.counts[slot] > 0 && this.slots[slot] !== key) slot = (slot + 1) & mask;
    if (this.counts[slot] === 0) {
      this.slots[slot] = key;
      this.used++;
    }
    this.counts[slot]++;
  }

  private grow() {
    const { slots, counts } = this;
    this.slots = new Uint32Array(slots.length * 2);
    this.counts = new Uint32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (counts[old] === 0) continue;
      let slot = mixKey(slots[old]) & mask;
      while (this.counts[slot] > 0) slot = (slot + 1) & mask;
      this.slots[slot] = slots[old];
      this.counts[slot] = counts[old];
    }
  }
}

function mixKey(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 0;
}
