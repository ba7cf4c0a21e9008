/**
 * What deploy/ promises an operator, checked without a cluster: the Temporal server's
 * configuration has what the server needs, env.example names every variable the product reads,
 * the systemd units carry the hardening and wiring deploy/README.md describes, nginx lets through
 * the largest upload the API accepts and passes the request id. Where the tools are installed,
 * `systemd-analyze verify`, `nginx -t` and `sh -n` check the files as the machine would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { MAX_BPMN_BYTES } from '../portal/server/routes/definitions';
import { MAX_UPLOAD_BYTES } from '../portal/server/routes/public/verify';
import { MAX_DOCUMENT_BYTES } from '../portal/server/documents/document-limits';
import { workerNodeArgs } from '../temporal/worker-process';

const DEPLOY = __dirname;
const ROOT = path.resolve(DEPLOY, '..');
const INSTALLED_APP = '/opt/ito/app';
const read = (file: string) => fs.readFileSync(path.join(DEPLOY, file), 'utf8');
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Renders the `{{ .Env.NAME }}` placeholders the server fills from its environment. */
function renderServerTemplate(text: string, env: Record<string, string>): string {
  return text.replace(/\{\{\s*\.Env\.([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    if (!(name in env)) throw new Error(`temporal-server.yaml uses ${name}, which temporal.env.example does not set`);
    return env[name];
  });
}

function envFile(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('deploy/temporal - the Temporal server configuration', () => {
  const raw = read('temporal/temporal-server.yaml');
  const serverEnv = envFile(read('temporal/temporal.env.example'));
  const config = YAML.parse(renderServerTemplate(raw, serverEnv));

  it('is rendered as a template by the server (the marker within its first KB) and uses only .Env placeholders', () => {
    expect(raw.slice(0, 1024)).toMatch(/^#.*enable-template/m);
    const placeholders = raw.match(/\{\{[^}]*\}\}/g) ?? [];
    expect(placeholders.length).toBeGreaterThan(0);
    for (const p of placeholders) expect(p).toMatch(/^\{\{\s*\.Env\.[A-Z0-9_]+\s*\}\}$/);
  });

  it('persists to PostgreSQL: default and visibility stores exist, postgres12 plugin, the two databases', () => {
    const { persistence } = config;
    const store = (name: string) => persistence.datastores[name]?.sql;
    expect(store(persistence.defaultStore)).toMatchObject({ pluginName: 'postgres12', databaseName: 'temporal', connectProtocol: 'tcp' });
    expect(store(persistence.visibilityStore)).toMatchObject({ pluginName: 'postgres12', databaseName: 'temporal_visibility', connectProtocol: 'tcp' });
    for (const name of [persistence.defaultStore, persistence.visibilityStore]) {
      expect(store(name).connectAddr).toMatch(/^[\w.-]+:\d+$/);
      expect(store(name).tls).toMatchObject({ enabled: true, enableHostVerification: true });
    }
  });

  it('fixes a history shard count that is a power of two', () => {
    const shards = config.persistence.numHistoryShards;
    expect(Number.isInteger(shards) && shards > 0 && (shards & (shards - 1)) === 0).toBe(true);
  });

  it('turns on mTLS for the frontend, between nodes, and for the system worker, with certificate paths', () => {
    const { tls } = config.global;
    for (const group of [tls.frontend, tls.internode]) {
      expect(group.server).toMatchObject({ requireClientAuth: true, certFile: expect.stringMatching(/^\/etc\/temporal\/tls\//), keyFile: expect.stringMatching(/^\/etc\/temporal\/tls\//) });
      expect(group.server.clientCaFiles.length).toBeGreaterThan(0);
      expect(group.client.serverName).toBeTruthy();
      expect(group.client.rootCaFiles.length).toBeGreaterThan(0);
    }
    expect(tls.systemWorker).toMatchObject({ certFile: expect.any(String), keyFile: expect.any(String), client: { serverName: expect.any(String) } });
  });

  it('runs the four services on distinct ports, and the current cluster is described', () => {
    const ports = ['frontend', 'history', 'matching', 'worker'].flatMap((s) => [config.services[s].rpc.grpcPort, config.services[s].rpc.membershipPort]);
    expect(ports.every((p) => Number.isInteger(p))).toBe(true);
    expect(new Set(ports).size).toBe(ports.length);
    const cluster = config.clusterMetadata;
    expect(cluster.clusterInformation[cluster.currentClusterName]).toMatchObject({ enabled: true, rpcName: 'frontend' });
    expect(config.global.membership.broadcastAddress).toBe(serverEnv.TEMPORAL_BROADCAST_ADDRESS);
    expect(config.dynamicConfigClient.filepath).toBe('/etc/temporal/dynamicconfig.yaml');
  });

  it('has a dynamic configuration in the server\'s form (each key a list of constrained values)', () => {
    const dynamic = YAML.parse(read('temporal/dynamicconfig.yaml')) as Record<string, { value: unknown }[]>;
    expect(Object.keys(dynamic).length).toBeGreaterThan(0);
    for (const values of Object.values(dynamic)) expect(values.every((v) => 'value' in v)).toBe(true);
  });
});

/** Every environment variable the product's code reads (not its tests). */
function variablesTheCodeReads(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'generated', 'web', 'test'].includes(entry.name)) walk(file);
      } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?<!['"](?:process\.)?)\b(?:process\.)?env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)) names.add(m[1] ?? m[2]);
        // config/ names variables in tables too (persistentSecret(env, 'JWT_SECRET'), the registries' URLs, limits)
        if (file.startsWith(path.join(ROOT, 'config'))) for (const m of text.matchAll(/['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g)) names.add(m[1]);
      }
    }
  };
  for (const dir of ['config', 'portal/server', 'temporal', 'activities', 'scripts', 'prisma', 'simulators']) walk(path.join(ROOT, dir));
  for (const system of ['PATH', 'HOME', 'NODE_OPTIONS']) names.delete(system);
  return names;
}

describe('deploy/env.example', () => {
  const text = read('env.example');

  it('names every variable the processes read', () => {
    const missing = [...variablesTheCodeReads()].filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing).toEqual([]);
  });

  it('holds placeholders, never values, for the secrets', () => {
    const lines = text.split('\n');
    const secrets = lines.flatMap((line, i) => (/^# SECRET\./.test(line) ? [lines.slice(i + 1).find((l) => /^#?[A-Z][A-Z0-9_]*=/.test(l))!] : []));
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const line of secrets) expect(line).toMatch(/=(?:.*<[a-z0-9-]+>.*)?$/);
  });
});

interface Unit { [section: string]: Record<string, string[]> }
function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const header = line.match(/^\[(\w+)\]$/);
    if (header) { section = header[1]; unit[section] = {}; continue; }
    const [key, ...rest] = line.split('=');
    (unit[section][key.trim()] ??= []).push(rest.join('='));
  }
  return unit;
}

describe('deploy/systemd - the units', () => {
  const unit = (name: string) => parseUnit(read(`systemd/${name}`));
  const processes = ['ito-setup.service', 'ito-api@.service', 'ito-worker@.service', 'ito-trust-services.service'];

  it.each(processes)('%s runs as ito, from the environment file, hardened, writing only under /var/lib/ito', (name) => {
    const { Service: s } = unit(name);
    expect(s).toMatchObject({ User: ['ito'], Group: ['ito'], EnvironmentFile: ['/etc/ito/ito.env'], WorkingDirectory: [INSTALLED_APP] });
    expect(s).toMatchObject({ NoNewPrivileges: ['yes'], ProtectSystem: ['strict'], PrivateTmp: ['yes'], ProtectHome: ['yes'], CapabilityBoundingSet: [''] });
    expect(s.ReadWritePaths).toEqual(['/var/lib/ito']);
  });

  // the worker as every other launch of it starts it (workerNodeArgs), its paths relative to the app folder
  const workerCommand = workerNodeArgs().map((arg) => (path.isAbsolute(arg) ? path.relative(ROOT, arg) : arg)).join(' ');
  it.each([['ito-api@.service', 'portal/server/api-main.ts', '--import tsx portal/server/api-main.ts', 'PORT=%i'], ['ito-worker@.service', 'temporal/worker-main.ts', workerCommand, 'WORKER_METRICS_ADDRESS=127.0.0.1:%i']])(
    '%s starts an instance per port, after ito-setup, restarting always', (name, entry, nodeArgs, instanceSetting) => {
      const { Unit: u, Service: s, Install: i } = unit(name);
      expect(u).toMatchObject({ Requires: ['ito-setup.service'], After: [expect.stringContaining('ito-setup.service')] });
      expect(s.ExecStart).toEqual([`/usr/bin/node ${nodeArgs}`]);
      expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
      expect(s.Environment).toContain(instanceSetting);
      expect(s.Restart).toEqual(['always']);
      expect(i.WantedBy).toEqual(['ito.target']);
    });

  it('prepares the installation before each start without building (the app folder is read-only), and does not stay active', () => {
    const { Service: s } = unit('ito-setup.service');
    expect(s).toMatchObject({ Type: ['oneshot'], ExecStart: ['/usr/bin/node --import tsx scripts/setup.ts --no-build'] });
    // staying active would make a restart of ito-setup restart every API process and worker at once
    expect(s.RemainAfterExit).toBeUndefined();
  });

  it('backs up nightly through `npm run backup`, and the PostgreSQL cluster through a base backup', () => {
    expect(unit('ito-backup.timer').Timer).toMatchObject({ OnCalendar: [expect.any(String)], Persistent: ['true'] });
    expect(unit('pg-basebackup.timer').Timer).toMatchObject({ OnCalendar: [expect.any(String)], Persistent: ['true'] });
    expect(read('backup/ito-backup.sh')).toMatch(/npm run --silent backup -- "\$target"/);
    for (const name of ['ito-backup.service', 'pg-basebackup.service']) {
      const script = unit(name).Service.ExecStart[0];
      expect(script.startsWith(`${INSTALLED_APP}/deploy/`)).toBe(true);
      expect(fs.statSync(path.join(ROOT, script.slice(INSTALLED_APP.length + 1))).mode & 0o111).not.toBe(0);
    }
  });

  it('passes `systemd-analyze verify` (the units, with instances, as installed)', () => {
    if (!has('systemd-analyze')) return console.warn('systemd-analyze is not installed: units not verified');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-units-'));
    try {
      const files = [...fs.readdirSync(path.join(DEPLOY, 'systemd')).map((f) => `systemd/${f}`), 'temporal/temporal-server.service'];
      for (const f of files) fs.writeFileSync(path.join(dir, path.basename(f)), read(f).replaceAll(INSTALLED_APP, ROOT));
      fs.symlinkSync('ito-api@.service', path.join(dir, 'ito-api@3001.service'));
      fs.symlinkSync('ito-worker@.service', path.join(dir, 'ito-worker@9464.service'));
      const units = fs.readdirSync(dir).filter((f) => !f.endsWith('@.service'));
      const res = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { cwd: dir, env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` }, encoding: 'utf8' });
      // the Temporal server's binary is installed from its release archive, not here
      const complaints = `${res.stdout}${res.stderr}`.split('\n').filter((l) => l.trim() && !/temporal-server(\.service)?: Command \/usr\/local\/bin\/temporal-server is not executable/.test(l));
      expect(complaints).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has shell scripts that parse (`sh -n`)', () => {
    for (const script of ['backup/ito-backup.sh', 'backup/pg-basebackup.sh', 'temporal/setup-schema.sh']) {
      expect(spawnSync('sh', ['-n', path.join(DEPLOY, script)]).status).toBe(0);
    }
  });
});

describe('deploy/nginx', () => {
  const conf = read('nginx/ito.conf');

  it('lets through the largest body the API accepts, so the API answers every refusal itself', () => {
    const [, size, unit] = conf.match(/client_max_body_size\s+(\d+)([km]?);/) ?? [];
    const bytes = Number(size) * ({ k: 1024, m: 1024 * 1024 } as Record<string, number>)[unit ?? ''] || Number(size);
    expect(bytes).toBeGreaterThanOrEqual(Math.max(MAX_DOCUMENT_BYTES + 64 * 1024, MAX_UPLOAD_BYTES, MAX_BPMN_BYTES + 1024));
  });

  it('ends TLS with HTTP/2, balances over the API processes and passes the request id and client address', () => {
    expect(conf).toMatch(/listen 443 ssl http2;/);
    expect(conf.match(/upstream ito_api \{[^}]*\}/)?.[0].match(/server 127\.0\.0\.1:\d+/g)?.length).toBeGreaterThanOrEqual(2);
    expect(conf).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
  });

  it('passes `nginx -t`', () => {
    if (!has('nginx') || !has('openssl')) return console.warn('nginx or openssl is not installed: the configuration was not tested');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-nginx-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=licensing.example.ir'], { stdio: 'ignore' });
      const site = conf
        .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${dir}/cert.pem;`)
        .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${dir}/key.pem;`)
        .replaceAll('/var/log/nginx/', `${dir}/`);
      fs.writeFileSync(path.join(dir, 'site.conf'), site);
      fs.writeFileSync(path.join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp { client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; include ${dir}/site.conf; }\n`);
      const res = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
      expect(res.stderr).toMatch(/test is successful/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
