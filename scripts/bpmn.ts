/**
 * `npm run bpmn -- check FILE.bpmn`: validates a BPMN file exactly as a deploy would, without
 * deploying. Exit 0 when deployable; otherwise exit 1 and one line per problem:
 * `<elementId> <rule> <message>`. (`run` comes with the engine-coverage issue.)
 */
import fs from 'node:fs';
import { compileBpmn, Problem } from '../compiler';

const USAGE = 'usage: npm run bpmn -- check FILE.bpmn';

export const problemLine = (p: Problem): string => `${p.elementId} ${p.rule} ${p.message}`;

async function check(file: string): Promise<number> {
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const result = await compileBpmn(xml);
  if (!result.ok) {
    for (const p of result.problems) console.log(problemLine(p));
    return 1;
  }
  for (const w of result.warnings) console.error(`warning: ${problemLine(w)}`);
  console.error(`deployable: ${result.processes.map((p) => p.processId).join(', ')}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === 'check' && file && rest.length === 0) return check(file);
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
