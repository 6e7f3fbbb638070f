/**
 * The form jobs (intake, checking, set-up) this process is running. Activation emails give way to them: in a burst,
 * firms get their answers first, and the emails of forms already set up fill the time between.
 */
export class FormsInHand {
  private running = 0;
  private waiting: Array<() => void> = [];

  /** Runs a form job, counted while it runs. */
  async during<T>(job: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await job();
    } finally {
      this.running -= 1;
      if (this.running === 0) this.release();
    }
  }

  /** Resolves once no form job runs, or after `maxMs` at the latest, so that activation emails never stop altogether. */
  whenIdle(maxMs: number): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = this.waiting.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      this.waiting.push(done);
    });
  }

  private release(): void {
    for (const waiter of [...this.waiting]) waiter();
  }
}

/** Runs a form job, counted among the forms in hand when the process keeps count. */
export function asFormJob<T>(deps: { formsInHand?: FormsInHand }, job: () => Promise<T>): Promise<T> {
  return deps.formsInHand ? deps.formsInHand.during(job) : job();
}
