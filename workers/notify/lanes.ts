/**
 * Runs `work` over the items, a few at a time; before each item but the first lane's first, the lane waits for
 * `laneMayGo(lane)`;
 * after the first failure no new item starts, and it is thrown once all in flight end.
 */
export async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>, laneMayGo: (lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (index: number) => {
    for (let sent = 0; failure === null && next < items.length; sent += 1) {
      if (index > 0 || sent > 0) await laneMayGo(index);
      if (failure !== null || next >= items.length) return;
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, (_, index) => lane(index)));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
