/**
 * `npx tsx scripts/conformance.ts DIR [--verdicts FILE] [--files]`: judges every .bpmn/.dmn under DIR
 * as a deploy would and prints the counts docs/conformance.md gives: with Zeebe's verdicts (a JSON
 * file → { zeebe: "deploys" | "rejects" }), how many agree, and the refusals by deliberate refusal and
 * known gap; without, how many deploy and the rules that refuse the rest. Only counts and rule names
 * are printed (the corpus may be one that must not be copied), file names only with --files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { corpusFiles, explain, judge, outcomeOf, type Expectation, type Judgement, type Outcome } from './lib/conformance';

interface Args {
  root: string;
  verdicts?: Record<string, Pick<Expectation, 'zeebe'>>;
  listFiles: boolean;
}

function parseArgs(argv: string[]): Args {
  const [root, ...rest] = argv;
  if (!root || !fs.existsSync(root)) throw new Error('usage: conformance.ts DIR [--verdicts FILE] [--files]');
  const at = rest.indexOf('--verdicts');
  const verdicts = at >= 0 ? JSON.parse(fs.readFileSync(rest[at + 1], 'utf8')) : undefined;
  return { root: path.resolve(root), verdicts, listFiles: rest.includes('--files') };
}

/** Counts of files per key, largest first. */
function tally(keysPerFile: string[][]): [string, number][] {
  const counts = new Map<string, number>();
  for (const keys of keysPerFile) for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const table = (title: string, rows: [string, number][]) =>
  rows.length ? [`| ${title} | models |`, '|---|---|', ...rows.map(([k, n]) => `| ${k} | ${n} |`)].join('\n') : `(no ${title.toLowerCase()})`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = corpusFiles(args.root);
  const judged: Judgement[] = [];
  for (const file of files) judged.push(await judge(args.root, file));
  const rules = (j: Judgement) => j.errors.map((p) => p.rule);
  const out: string[] = [];
  const deployable = judged.filter((j) => j.deployable);
  out.push(`models: ${files.length} (${files.filter((f) => f.endsWith('.bpmn')).length} bpmn, ${files.filter((f) => f.endsWith('.dmn')).length} dmn); deploy here: ${deployable.length}`);

  if (!args.verdicts) {
    const rejected = judged.filter((j) => !j.deployable);
    out.push('', table('Rule refusing (errors)', tally(rejected.map(rules))));
    const why = rejected.map((j) => explain(j.errors));
    out.push('', table('Refusal kind', tally(why.map((w) => [...w.deliberate.map((d) => `deliberate: ${d}`), ...w.gaps.map((g) => `gap: ${g}`), ...(w.unexplained.length ? ['other rules'] : [])]))));
    if (args.listFiles) for (const j of judged) out.push(`${j.deployable ? 'deploys ' : 'rejected'} ${j.file} ${[...new Set(rules(j))].join(',')}`);
    console.log(out.join('\n'));
    return;
  }

  const verdicts = args.verdicts;
  const missing = files.filter((f) => !verdicts[f]);
  if (missing.length) throw new Error(`no verdict for: ${missing.join(', ')}`);
  const outcomes = judged.map((j) => ({ j, zeebe: verdicts[j.file].zeebe, outcome: outcomeOf(j, verdicts[j.file].zeebe) }));
  const zeebeDeploys = outcomes.filter((o) => o.zeebe === 'deploys');
  out.push(`Zeebe deploys ${zeebeDeploys.length}, rejects ${outcomes.length - zeebeDeploys.length}`);
  out.push('', table('Outcome', tally(outcomes.map((o) => [o.outcome]))));
  const refused = zeebeDeploys.filter((o) => !o.j.deployable).map((o) => explain(o.j.errors));
  out.push('', table('Deliberate refusal (of models Zeebe deploys)', tally(refused.map((w) => w.deliberate))));
  out.push('', table('Known gap (models it blocks)', tally(refused.map((w) => w.gaps))));
  out.push('', table('Only gap (models it alone blocks)', tally(refused.filter((w) => w.gaps.length === 1 && !w.unexplained.length).map((w) => w.gaps))));
  out.push('', table('Unexplained rule (models Zeebe deploys)', tally(refused.map((w) => w.unexplained.map((p) => p.rule)))));
  const rejectedBoth = outcomes.filter((o) => o.outcome === ('rejected (as Zeebe)' satisfies Outcome));
  out.push('', table('Rule rejecting (models Zeebe rejects too)', tally(rejectedBoth.map((o) => rules(o.j)))));
  if (args.listFiles) for (const o of outcomes) out.push(`${o.outcome.padEnd(30)} ${o.j.file} ${[...new Set(rules(o.j))].join(',')}`);
  console.log(out.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
