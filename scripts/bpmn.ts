/**
 * The engine's command-line door.
 *
 * `npm run bpmn -- check FILE.bpmn`: validates a BPMN file exactly as a deploy would, without
 * deploying. Exit 0 when deployable; otherwise exit 1 and one line per problem:
 * `<elementId> <rule> <message>`.
 *
 * `npm run bpmn -- run FILE.bpmn [--process ID] [--vars JSON] [--complete JSON] [--stub-services]`:
 * deploys the file (and the .dmn files beside it) to the embedded engine (the database and
 * Temporal server of `npm start`, started if needed), runs one instance to its end (see scripts/lib/model-runner.ts) and prints
 * one JSON object as its last line. Exit 0 when the instance completed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileBpmn, Problem } from '../compiler';
import { definitionDataCompileOptions } from '../activities/definition-data';
import { compileDmn, mergeDecisions, type DecisionFile } from '../compiler/dmn';
import { loadConfig } from '../config';
import { connectClient } from '../temporal/connection';
import { startDevServer } from '../temporal/dev-server';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { bundleWorkflows, createEngineWorker } from '../temporal/worker';
import { runModel, type RunReport } from './lib/model-runner';
import { prepareInstallation } from './setup';

const USAGE = [
  'usage: npm run bpmn -- check FILE.bpmn',
  '       npm run bpmn -- run FILE.bpmn [--process ID] [--vars JSON] [--complete JSON] [--stub-services]',
].join('\n');

export const problemLine = (p: Problem): string => `${p.elementId} ${p.rule} ${p.message}`;

/** The .dmn files beside a model: the decisions its business rule tasks may call. */
/** DMN files beside the BPMN file, and in a decisions/ folder beside it (as in definitions/). */
function dmnBeside(file: string): { file: string; xml: string }[] {
  const dirs = [path.dirname(file), path.join(path.dirname(file), 'decisions')].filter((d) => fs.existsSync(d));
  return dirs.flatMap((dir) =>
    fs.readdirSync(dir).filter((f) => f.endsWith('.dmn')).sort().map((f) => ({ file: path.relative(path.dirname(file), path.join(dir, f)), xml: fs.readFileSync(path.join(dir, f), 'utf8') })),
  );
}

async function check(file: string): Promise<number> {
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const files: DecisionFile[] = [];
  for (const dmn of dmnBeside(file)) {
    const compiled = await compileDmn(dmn.xml);
    if (!compiled.ok) {
      for (const p of compiled.problems) console.log(`${problemLine(p)} (${dmn.file})`);
      return 1;
    }
    files.push({ file: dmn.file, decisions: compiled.decisions });
  }
  const merged = mergeDecisions(...files);
  if (!merged.ok) {
    for (const p of merged.problems) console.log(problemLine(p));
    return 1;
  }
  const result = await compileBpmn(xml, { decisions: merged.decisions, ...definitionDataCompileOptions() });
  if (!result.ok) {
    for (const p of result.problems) console.log(problemLine(p));
    return 1;
  }
  for (const w of result.warnings) console.error(`warning: ${problemLine(w)}`);
  console.error(`deployable: ${result.processes.map((p) => p.processId).join(', ')}`);
  return 0;
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
    options: { process: { type: 'string' }, vars: { type: 'string' }, complete: { type: 'string' }, 'stub-services': { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new Error(USAGE);
  // stdout carries only the report: set-up messages go to stderr
  const printReport = console.log.bind(console);
  console.log = console.error;
  const xml = fs.readFileSync(positionals[0], 'utf8');
  const options = {
    xml,
    dmn: dmnBeside(positionals[0]).map((d) => d.xml),
    processId: values.process,
    variables: readJsonOption('vars', values.vars),
    complete: readJsonOption('complete', values.complete) as Record<string, Record<string, unknown>> | undefined,
    stubServices: values['stub-services'] === true,
  };
  const config = loadConfig();
  const { db, pki } = await prepareInstallation(config);
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
  if (command === 'check' && file && rest.length === 0) return check(file);
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
