/** Median and 99th percentile (nearest rank) of a list of durations, in milliseconds. */
export function summarise(samples: number[]): { count: number; median: number; p99: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { count: sorted.length, median: round(rank(0.5)), p99: round(rank(0.99)), min: round(sorted[0] ?? NaN), max: round(sorted.at(-1) ?? NaN) };
}
