/**
 * `npm run walk [-- <family>]`: the README's walk against a running `npm start`, through the HTTP
 * API only. Last line: `certificate <number> <absolute path of the downloaded PDF>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { ApiClient } from './lib/api-client';
import { walkToCertificate } from './lib/walk-steps';

const FAMILIES = ['software-technical-approval'];

async function run(): Promise<void> {
  const family = process.argv[2] ?? 'software-technical-approval';
  if (!FAMILIES.includes(family)) throw new Error(`unknown family "${family}"; known: ${FAMILIES.join(', ')}`);
  const config = loadConfig();
  const base = process.env.WALK_BASE_URL ?? `http://localhost:${config.port}`;
  const anonymous = new ApiClient(base);
  const health = await anonymous.get('/api/health').catch(() => undefined);
  if (!health || health.status !== 200) throw new Error(`no server answers at ${base}: run \`npm start\` first`);

  const [applicant, formalReviewer, technicalReviewer] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));
  console.log('applying as the demo company; reviewer1 checks completeness; reviewer2 approves…');
  const { trackingNumber, certificateNumber } = await walkToCertificate({ applicant, formalReviewer, technicalReviewer });
  console.log(`application ${trackingNumber} approved`);

  const pdf = await applicant.get(`/api/certificates/${encodeURIComponent(certificateNumber)}/pdf`);
  if (pdf.status !== 200) throw new Error(`download failed: ${pdf.status}`);
  const file = path.resolve(config.dataDir, 'walk', `${certificateNumber}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pdf.body as Buffer);

  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'application/pdf' }), path.basename(file));
  const verified = await anonymous.post('/api/public/verify', form);
  console.log(`public verification: ${verified.body.verdict?.en ?? JSON.stringify(verified.body)}`);
  console.log(`certificate ${certificateNumber} ${file}`);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
