/**
 * Lets work run at once only while its weights fit a capacity: bytes of email in flight (small emails pass
 * straight through, a 25 MB one waits until it fits), or threads in use at weight 1 each. One item heavier than
 * the whole capacity runs alone. Waiters are served in arrival order, so a heavy item cannot be starved by a
 * stream of light ones.
 */
export class Budget {
  private used = 0;
  private readonly waiting: Array<{ weight: number; start: () => void }> = [];

  constructor(readonly capacity: number) {}

  /** The weight of the work running now. */
  get inUse(): number {
    return this.used;
  }

  async use<T>(weight: number, work: () => Promise<T>): Promise<T> {
    // An unknown size (NaN from a damaged record) counts as the whole budget rather than blocking the queue.
    const taken = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), this.capacity) : this.capacity;
    await this.acquire(taken);
    try {
      return await work();
    } finally {
      this.used -= taken;
      this.admit();
    }
  }

  private acquire(weight: number): Promise<void> {
    if (this.waiting.length === 0 && this.used + weight <= this.capacity) {
      this.used += weight;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push({ weight, start: resolve });
    });
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.weight <= this.capacity) {
      const next = this.waiting.shift()!;
      this.used += next.weight;
      next.start();
    }
  }
}
