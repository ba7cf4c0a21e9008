import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFiles, explain, judge, type Expectation, type Judgement } from '../../scripts/lib/conformance';

/**
 * Camunda's own test models (Apache-2.0 parts of camunda/camunda, vendored in camunda/ with their
 * licence; README.md there says from where) against Zeebe's verdicts (camunda/verdicts.json).
 * Target (issue 12 §1): what Zeebe rejects is rejected; what Zeebe deploys deploys, or is refused
 * only by a deliberate refusal, or is listed below as a known gap. A gap that appears or closes
 * fails this test, so the list stays true: fix the engine or the list, and docs/conformance.md.
 */
const CORPUS = join(__dirname, 'camunda');
const verdicts: Record<string, Expectation> = JSON.parse(readFileSync(join(CORPUS, 'verdicts.json'), 'utf8'));

/** Models Zeebe deploys that are refused here for want of a feature issue 12 §1 plans: file → gap ids (GAP_KINDS). */
// closed in session 8: execution listeners and decision requirements graphs now deploy
const KNOWN_GAPS: Record<string, string[]> = {};

const files = corpusFiles(CORPUS);
const judgements = new Map<string, Promise<Judgement>>();
const judged = (file: string) => {
  let j = judgements.get(file);
  if (!j) judgements.set(file, (j = judge(CORPUS, file)));
  return j;
};
const errorLines = (j: Judgement) => j.errors.map((p) => `${p.elementId} ${p.rule} ${p.message}`);

describe('conformance - Camunda test models (vendored)', () => {
  it('has a Zeebe verdict for every vendored model and a model for every verdict', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(Object.keys(verdicts).sort()).toEqual(files);
  });

  it('lists as known gaps only models Zeebe deploys', () => {
    for (const file of Object.keys(KNOWN_GAPS)) expect({ file, zeebe: verdicts[file]?.zeebe }).toEqual({ file, zeebe: 'deploys' });
  });

  const rejectedByZeebe = files.filter((f) => verdicts[f]?.zeebe === 'rejects');
  const deployedByZeebe = files.filter((f) => verdicts[f]?.zeebe === 'deploys');

  it.each(rejectedByZeebe)('%s: Zeebe rejects it, so is it here', async (file) => {
    const judgement = await judged(file);
    expect({ file, deployable: judgement.deployable }).toEqual({ file, deployable: false });
    expect(judgement.errors.filter((p) => p.rule === 'internal-error')).toEqual([]);
  });

  it.each(deployedByZeebe)('%s: Zeebe deploys it; it deploys here, or is refused deliberately or for a known gap', async (file) => {
    const judgement = await judged(file);
    const why = explain(judgement.errors);
    // an error no deliberate refusal or gap kind explains is a new gap: fix it or name it
    expect({ file, unexplained: why.unexplained.map((p) => `${p.elementId} ${p.rule} ${p.message}`) }).toEqual({ file, unexplained: [] });
    // a gap closed (the model deploys, or no longer for this reason): take it off KNOWN_GAPS
    expect({ file, gaps: why.gaps }).toEqual({ file, gaps: KNOWN_GAPS[file] ?? [] });
  });

  it('names the element of every refusal', async () => {
    for (const file of files) {
      const judgement = await judged(file);
      for (const line of errorLines(judgement)) expect(line).toMatch(/^\S+ [a-z/-]+ [^A-Z]/);
    }
  });
});
