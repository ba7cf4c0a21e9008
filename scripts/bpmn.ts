/**
 * The engine's command-line door.
 *
 * `npm run bpmn -- check PATH...`: validates BPMN files (folders are searched) exactly as a deploy
 * would, without deploying (scripts/lib/check-models.ts). Exit 0 when all are deployable, else 1;
 * one line per problem, `<elementId> <rule> <message>`, warnings with `warning` before them.
 *
 * `npm run bpmn -- run FILE.bpmn [--process ID] [--vars JSON] [--complete JSON] [--stub-services]
 *  [--message NAME | --signal NAME | --timer]`:
 * deploys the file (and the .dmn files beside it) to the embedded engine (the database and
 * Temporal server of `npm start`, started if needed), runs one instance to its end (see scripts/lib/model-runner.ts) and prints
 * one JSON object as its last line. Exit 0 when the instance completed. A process that starts only
 * by message, signal or timer is started by the option naming that start event, not by hand; a
 * `waiting` report names what each waiting token waits for (a task, a catch event, a join's flows);
 * `iterations` lists each finished iteration of a multi-instance or loop activity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkModel, expandModelPaths } from './lib/check-models';
import { loadConfig } from '../config';
import { connectClient } from '../temporal/connection';
import { startDevServer } from '../temporal/dev-server';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { bundleWorkflows, createEngineWorker } from '../temporal/worker';
import { runModel, type RunReport } from './lib/model-runner';
import { prepareInstallation } from './setup';
import { ensureDemoPki } from '../activities/certificates/pki';

const USAGE = [
  'usage: npm run bpmn -- check PATH...   (.bpmn files or folders of them)',
  '       npm run bpmn -- run FILE.bpmn [--process ID] [--vars JSON] [--complete JSON] [--stub-services] [--message NAME | --signal NAME | --timer]',
].join('\n');

/** DMN files beside the BPMN file, and in a decisions/ folder beside it (as in definitions/). */
function dmnBeside(file: string): string[] {
  const dirs = [path.dirname(file), path.join(path.dirname(file), 'decisions')].filter((d) => fs.existsSync(d));
  return dirs.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.dmn')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * One file: its problem lines (exit 1 when rejected). Several: a `== <path> deployable|rejected`
 * line before each file's lines, and a count at the end (exit 1 when any is rejected).
 */
async function check(paths: string[]): Promise<number> {
  const { files, missing } = expandModelPaths(paths);
  for (const m of missing) console.error(`cannot read ${m}: ENOENT`);
  if (files.length === 0) return 2;
  const single = files.length === 1 && missing.length === 0 && !fs.statSync(paths[0]).isDirectory();
  let rejected = 0;
  for (const file of files) {
    const verdict = await checkModel(file);
    if (single && verdict.unreadable) {
      console.error(verdict.lines.join('\n'));
      return 2;
    }
    if (!verdict.deployable) rejected++;
    if (!single) console.log(`== ${file} ${verdict.deployable ? 'deployable' : 'rejected'}`);
    for (const line of verdict.lines) console.log(line);
    if (single && verdict.deployable) console.error(`deployable: ${verdict.processes.join(', ')}`);
  }
  if (!single) console.error(`${files.length - rejected} deployable, ${rejected} rejected${missing.length ? `, ${missing.length} not found` : ''}`);
  return rejected || missing.length ? 1 : 0;
}

function readJsonOption(name: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`--${name} must be a JSON object`);
  return value as Record<string, unknown>;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      process: { type: 'string' },
      vars: { type: 'string' },
      complete: { type: 'string' },
      'stub-services': { type: 'boolean' },
      message: { type: 'string' },
      signal: { type: 'string' },
      timer: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  if ([values.message !== undefined, values.signal !== undefined, values.timer === true].filter(Boolean).length > 1) throw new Error('give at most one of --message, --signal and --timer');
  // stdout carries only the report: set-up messages go to stderr
  const printReport = console.log.bind(console);
  console.log = console.error;
  const xml = fs.readFileSync(positionals[0], 'utf8');
  const options = {
    xml,
    dmn: dmnBeside(positionals[0]),
    processId: values.process,
    variables: readJsonOption('vars', values.vars),
    complete: readJsonOption('complete', values.complete) as Record<string, Record<string, unknown>> | undefined,
    stubServices: values['stub-services'] === true,
    start: { ...(values.message !== undefined ? { message: values.message } : {}), ...(values.signal !== undefined ? { signal: values.signal } : {}), ...(values.timer ? { timer: true } : {}) },
  };
  const config = loadConfig();
  const { db } = await prepareInstallation(config);
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase); // the worker runs in this process
  const server = config.temporal.embedded ? await startDevServer(config.temporal) : undefined;
  const client = await connectClient(config.temporal);
  Runtime.install({ logger: new DefaultLogger('WARN', (entry) => console.error(`[${entry.level}] ${entry.message}`)) });
  const bundle = await bundleWorkflows();
  const worker = await createEngineWorker({ temporal: config.temporal, deps: { db, pki, publicBaseUrl: config.publicBaseUrl }, workflowBundle: bundle });
  const running = worker.run();
  let report: RunReport;
  try {
    report = await runModel(db, client, { ...options, taskQueue: config.temporal.taskQueue });
  } finally {
    worker.shutdown();
    await running;
    await client.connection.close();
    await server?.stop();
    await db.$disconnect();
  }
  const { trackingNumber, ...printed } = report;
  if (trackingNumber) console.error(`instance ${trackingNumber}`);
  printReport(JSON.stringify(printed));
  return report.state === 'completed' ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === 'check' && file) return check([file, ...rest]);
  if (command === 'run') return run(argv.slice(1));
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
