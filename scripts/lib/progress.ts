/**
 * Start-up progress: each step says what it does before it starts, and how long it took when that
 * was more than a moment, so a first start (npm packages, the portal build, the Temporal CLI, the
 * demo data) never sits silent.
 */
const SLOW_MS = 2000;

export async function step<T>(label: string, run: () => T | Promise<T>, log: (message: string) => void = console.log): Promise<T> {
  log(`${label}…`);
  const started = Date.now();
  const result = await run();
  const took = Date.now() - started;
  if (took >= SLOW_MS) log(`${label}: done in ${(took / 1000).toFixed(1)} s`);
  return result;
}
