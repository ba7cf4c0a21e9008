import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CompiledDecision } from '../../workflows/graph/types';
import { evaluateDecision } from '../../workflows/decisions/evaluate-decision';
import { DEFINITIONS } from '../test-support';
import { compileDmn, mergeDecisions } from './index';

const DECISIONS = join(DEFINITIONS, 'decisions');
const files = readdirSync(DECISIONS).filter((f) => f.endsWith('.dmn'));

async function decisionsOf(file: string): Promise<CompiledDecision[]> {
  const result = await compileDmn(readFileSync(join(DECISIONS, file), 'utf8'));
  if (!result.ok) throw new Error(`${file} does not compile: ${JSON.stringify(result.problems)}`);
  expect(result.warnings).toEqual([]);
  return result.decisions;
}

/** Every decision in definitions/decisions/ deploys, and their ids do not clash. */
describe('definitions/decisions/', () => {
  it.each(files)('%s compiles without problems, one decision named after the file', async (file) => {
    expect((await decisionsOf(file)).map((d) => d.decisionId)).toEqual([basename(file, '.dmn')]);
  });

  it('can be deployed together', async () => {
    const all = await Promise.all(files.map(async (file) => ({ file, decisions: await decisionsOf(file) })));
    expect(mergeDecisions(...all).ok).toBe(true);
  });
});

describe('security-product-grade (AFTA security product certificate)', () => {
  let decision: CompiledDecision;
  beforeAll(async () => {
    [decision] = await decisionsOf('security-product-grade.dmn');
  });

  it.each([
    ['crypto-module', 7, 'A', 3],
    ['firewall', 6, 'A', 3],
    ['vpn', 5, 'B', 2],
    ['firewall', 4, 'B', 2],
    ['vpn', 3, 'ineligible', 0],
    ['ids-ips', 5, 'A', 3],
    ['siem', 4, 'B', 2],
    ['waf', 3, 'B', 2],
    ['antivirus', 2, 'C', 1],
    ['backup-software', 4, 'B', 2],
    ['backup-software', 3, 'C', 1],
    ['firewall', 8, 'invalid', 0],
    ['firewall', 0, 'invalid', 0],
    ['firewall', null, 'invalid', 0],
    [null, 5, 'invalid', 0],
  ])('%s at EAL %p: grade %p, valid %p years', (productCategory, assuranceLevel, grade, validityYears) => {
    expect(evaluateDecision(decision, { productCategory, assuranceLevel })).toEqual({ grade, validityYears });
  });

  it('gives exactly one answer for every category and level (the UNIQUE table has no gaps or overlaps)', () => {
    const categories = ['crypto-module', 'vpn', 'firewall', 'ids-ips', 'waf', 'siem', 'antivirus', 'other', 'unknown', null];
    const levels = [null, -1, ...Array.from({ length: 19 }, (_, i) => i / 2), 7.25, 100];
    for (const productCategory of categories) {
      for (const assuranceLevel of levels) {
        const result = evaluateDecision(decision, { productCategory, assuranceLevel });
        expect({ productCategory, assuranceLevel, result }).toEqual({ productCategory, assuranceLevel, result: expect.objectContaining({ grade: expect.any(String) }) });
      }
    }
  });
});
