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

describe('data-centre-grade (data-centre grading)', () => {
  let decision: CompiledDecision;
  beforeAll(async () => {
    [decision] = await decisionsOf('data-centre-grade.dmn');
  });

  // the boundaries of each grade, and the first rule that holds wins (hit policy FIRST)
  it.each([
    [85, 85, 85, 85, '1'],
    [100, 99, 85, 85, '1'],
    [84.9, 100, 100, 100, '2'],
    [70, 70, 70, 70, '2'],
    [100, 69.9, 100, 100, '3'],
    [55, 55, 55, 55, '3'],
    [100, 100, 100, 54.9, '4'],
    [60, 40, 40, 40, '4'],
    [59.9, 100, 100, 100, '3'],
    [54.9, 100, 100, 100, 'ineligible'],
    [100, 39.9, 100, 100, 'ineligible'],
    [null, 90, 90, 90, 'invalid'],
    [90, 90, 90, null, 'invalid'],
  ])('physical %p, IT %p, management %p, energy %p: grade %p', (physicalScore, itScore, managementScore, energyScore, grade) => {
    expect(evaluateDecision(decision, { physicalScore, itScore, managementScore, energyScore })).toBe(grade);
  });
});

describe('afta-category-requirements (AFTA services licence)', () => {
  const CATEGORIES = ['security-testing', 'hardening', 'industrial-hardening', 'soc-operation', 'soc-implementation', 'physical-security', 'bug-bounty', 'product-support', 'compliance-audit', 'standards-consulting', 'security-training'];

  it('gives every one of the eleven categories its own reviewer group and a requirement for key personnel', async () => {
    const [decision] = await decisionsOf('afta-category-requirements.dmn');
    const groups = new Set<string>();
    for (const activityCategory of CATEGORIES) {
      const r = evaluateDecision(decision, { activityCategory }) as Record<string, unknown>;
      expect(r).toEqual({ reviewerGroup: expect.stringMatching(/^afta-.+-reviewers$/), minPersonnel: expect.any(Number), minDegree: expect.any(Number), minExperienceYears: expect.any(Number), labelFa: expect.any(String), labelEn: expect.any(String) });
      groups.add(r.reviewerGroup as string);
    }
    expect(groups.size).toBe(11);
    // and the groups exist
    const defined = JSON.parse(readFileSync(join(DEFINITIONS, 'groups.json'), 'utf8')) as Record<string, unknown>;
    for (const g of groups) expect(Object.keys(defined)).toContain(g);
  });
});

describe('cloud-layer-indices (cloud-provider profile)', () => {
  it('weighs the six indices of every declared layer to 1, with a threshold and a minimum per index', async () => {
    const [decision] = await decisionsOf('cloud-layer-indices.dmn');
    for (const layer of ['iaas', 'kaas', 'staas', 'dns', 'bare-metal', 'colocation', 'baas']) {
      const r = evaluateDecision(decision, { layer }) as { weights: Record<string, number>; threshold: number; minimum: number };
      expect(Object.keys(r.weights).sort()).toEqual(['availability', 'compliance', 'dataResidency', 'scalability', 'security', 'support']);
      expect(Object.values(r.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(r.threshold).toBeGreaterThan(r.minimum);
    }
  });
});
