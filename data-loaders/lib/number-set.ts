/**
 * A set of non-negative integers below 2^53 (the 52-bit row hashes of
 * RowValidator), held in one Float64Array with open addressing. A Set<number>
 * boxes every value above 2^31 and costs about 50 bytes an entry: 50 MB of a
 * 1,000,000-row load's memory. This costs 16 to 32 bytes an entry.
 */
export class NumberSet {
  // Each slot holds value + 1, so 0 marks an empty slot.
  private slots = new Float64Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(value: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 1;
    const stored = NumberSet.check(value) + 1;
    for (let i = NumberSet.start(value, mask); ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return false;
      if (s === stored) return true;
    }
  }

  /** Adds `value`; false when it was already there. */
  add(value: number): boolean {
    const stored = NumberSet.check(value) + 1;
    // At most half full, so probes stay short.
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = NumberSet.start(value, mask);
    for (let s = slots[i]!; s !== 0; i = (i + 1) & mask, s = slots[i]!) if (s === stored) return false;
    slots[i] = stored;
    this.count += 1;
    return true;
  }

  private insert(slots: Float64Array, stored: number): void {
    const mask = slots.length - 1;
    let i = NumberSet.start(stored - 1, mask);
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = stored;
  }

  private grow(): void {
    const old = this.slots;
    const next = new Float64Array(old.length * 2);
    for (const s of old) if (s !== 0) this.insert(next, s);
    this.slots = next;
  }

  private static check(value: number): number {
    if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** 53 - 1)
      throw new RangeError(`NumberSet holds integers in [0, 2^53 - 1), not ${value}`);
    return value;
  }

  /** The first slot to probe: the value's low bits mixed with its high ones (hashes are uniform, but callers may not be). */
  private static start(value: number, mask: number): number {
    const low = value % 0x40000000;
    const high = Math.floor(value / 0x40000000);
    return (Math.imul(low ^ high, 0x9e3779b1) >>> 0) & mask;
  }
}
