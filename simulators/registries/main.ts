/** `npx tsx simulators/registries/main.ts [port]`: the registry simulator on its own. */
import { loadRegistriesConfig } from '../../config/registries';
import { startRegistrySimulator } from './server';

const port = Number(process.argv[2] ?? loadRegistriesConfig().simulatorPort ?? 3100);
startRegistrySimulator({ port }).then((sim) => {
  console.log(`registry simulator on ${sim.url} (company-registry, national-identity, degree-verification)`);
  const stop = () => { void sim.stop().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}).catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
