import { describe, expect, it } from 'vitest';
import { FormsInHand } from './forms-in-hand.js';

describe('forms in hand', () => {
  it('lets an activation lane go at once when no form job runs, and as soon as the last one ends', async () => {
    const forms = new FormsInHand();
    const order: string[] = [];
    await forms.whenIdle(60_000).then(() => order.push('idle at once'));

    let finish!: () => void;
    const job = forms.during(() => new Promise<void>((resolve) => (finish = resolve)));
    const waited = forms.whenIdle(60_000).then(() => order.push('lane goes'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('form job ends');
    finish();
    await Promise.all([job, waited]);
    expect(order).toEqual(['idle at once', 'form job ends', 'lane goes']);
  });

  it('lets a lane go after its longest wait even while form jobs keep running, and counts a failed job as ended', async () => {
    const forms = new FormsInHand();
    let finish!: () => void;
    const job = forms.during(() => new Promise<void>((resolve) => (finish = resolve)));
    const started = Date.now();
    await forms.whenIdle(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    finish();
    await job;

    await expect(forms.during(() => Promise.reject(new Error('form job failed')))).rejects.toThrow('form job failed');
    let resolved = false;
    await forms.whenIdle(60_000).then(() => (resolved = true));
    expect(resolved).toBe(true);
  });
});
