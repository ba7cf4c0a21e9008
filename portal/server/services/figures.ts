/** Small, exact statistics for the published figures (reports, the public KPI page). */

export const DAY_MS = 86_400_000;

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The nearest-rank percentile of ascending numbers (`p` in 0–100); undefined for none. */
export function nearestRank(sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The median of ascending numbers (the mean of the two middle ones for an even count). */
export function median(sorted: number[]): number | undefined {
  if (!sorted.length) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
