/**
 * Lets work that holds large buffers run at once only while their sizes fit a budget, so memory stays bounded
 * however many jobs run in parallel: small emails pass straight through, a 25 MB one waits until it fits.
 * One item larger than the whole budget runs alone. Waiters are served in arrival order, so a large item
 * cannot be starved by a stream of small ones.
 */
export class ByteBudget {
  private inUse = 0;
  private readonly waiting: Array<{ bytes: number; start: () => void }> = [];

  constructor(readonly capacity: number) {}

  get bytesInUse(): number {
    return this.inUse;
  }

  async use<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    // An unknown size (NaN from a damaged record) counts as the whole budget rather than blocking the queue.
    const weight = Number.isFinite(bytes) ? Math.min(Math.max(bytes, 0), this.capacity) : this.capacity;
    await this.acquire(weight);
    try {
      return await work();
    } finally {
      this.inUse -= weight;
      this.admit();
    }
  }

  private acquire(weight: number): Promise<void> {
    if (this.waiting.length === 0 && this.inUse + weight <= this.capacity) {
      this.inUse += weight;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push({ bytes: weight, start: resolve });
    });
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.inUse + this.waiting[0]!.bytes <= this.capacity) {
      const next = this.waiting.shift()!;
      this.inUse += next.bytes;
      next.start();
    }
  }
}
