/**
 * An API in its own OS process, for test/integration/scale-out.test.ts: startApi on the run's
 * database and Temporal server (from the environment global-setup filled in), with the public
 * limits given as JSON in argv[2]; prints `{"baseUrl"}` once it listens and closes when stdin ends.
 */
import { startApi } from './harness';

async function run(): Promise<void> {
  const stack = await startApi(undefined, process.argv[2] ? JSON.parse(process.argv[2]) : undefined);
  console.log(JSON.stringify({ baseUrl: stack.baseUrl }));
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await stack.close();
}

run().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
