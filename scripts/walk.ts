/**
 * `npm run walk [-- <process key> | --list]`: a family's approve path against a running `npm start`,
 * through the HTTP API only, with the demo users. Without a key it walks technical approval. Last
 * line: `certificate <number> <absolute path of the downloaded PDF>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { WALKS, walkContext } from './lib/walks';

async function run(): Promise<void> {
  const arg = process.argv[2] ?? 'software-technical-approval';
  if (arg === '--list') {
    for (const key of Object.keys(WALKS)) console.log(key);
    return;
  }
  const walk = Object.hasOwn(WALKS, arg) ? WALKS[arg] : undefined;
  if (!walk) throw new Error(`unknown process "${arg}"; known: ${Object.keys(WALKS).join(', ')} (npm run walk -- --list)`);
  const config = loadConfig();
  const base = process.env.WALK_BASE_URL ?? `http://localhost:${config.port}`;
  const ctx = walkContext(base);
  const health = await ctx.anonymous.get('/api/health').catch(() => undefined);
  if (!health || health.status !== 200) throw new Error(`no server answers at ${base}: run \`npm start\` first`);

  console.log(`walking ${arg} with the demo users…`);
  const { trackingNumber, certificateNumber } = await walk(ctx);
  console.log(`application ${trackingNumber} approved`);

  const pdf = await (await ctx.as('applicant')).get(`/api/certificates/${encodeURIComponent(certificateNumber)}/pdf`);
  const owner = pdf.status === 200 ? pdf : await (await ctx.as('admin')).get(`/api/certificates/${encodeURIComponent(certificateNumber)}/pdf`);
  if (owner.status !== 200) throw new Error(`download failed: ${owner.status}`);
  const file = path.resolve(config.dataDir, 'walk', `${certificateNumber}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, owner.body as Buffer);

  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'application/pdf' }), path.basename(file));
  const verified = await ctx.anonymous.post('/api/public/verify', form);
  console.log(`public verification: ${verified.body.verdict?.en ?? JSON.stringify(verified.body)}`);
  console.log(`certificate ${certificateNumber} ${file}`);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
