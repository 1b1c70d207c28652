import type { ItemInput } from '../../src/domain/item-input.js';

/** Later versions of items waiting to be sent, earliest first (a binary min-heap on the send time). */
export class LaterVersions {
  private readonly at: number[] = [];
  private readonly items: ItemInput[] = [];

  get size(): number {
    return this.at.length;
  }

  /** The earliest send time, or +∞ when none waits. */
  nextAt(): number {
    return this.at[0] ?? Number.POSITIVE_INFINITY;
  }

  push(at: number, item: ItemInput): void {
    this.at.push(at);
    this.items.push(item);
    let i = this.at.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.at[parent] ?? 0) <= at) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Remove and return the earliest version; throws when none waits. */
  pop(): ItemInput {
    const top = this.items[0];
    if (top === undefined) throw new RangeError('no later version waits');
    const last = this.at.length - 1;
    this.swap(0, last);
    this.at.pop();
    this.items.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < last && (this.at[left] ?? 0) < (this.at[least] ?? 0)) least = left;
      if (right < last && (this.at[right] ?? 0) < (this.at[least] ?? 0)) least = right;
      if (least === i) return top;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    const at = this.at[a];
    const item = this.items[a];
    const otherAt = this.at[b];
    const other = this.items[b];
    if (at === undefined || item === undefined || otherAt === undefined || other === undefined) return;
    this.at[a] = otherAt;
    this.items[a] = other;
    this.at[b] = at;
    this.items[b] = item;
  }
}
