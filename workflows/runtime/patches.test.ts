/**
 * Holds workflow code to the patch ledger (patches.ts): every patched()/deprecatePatch() id in
 * workflows/ has an entry that is active (patched) or deprecated (deprecatePatch), and no retired id
 * is used again, so a patch cannot be added, or silently revived, without its reason written down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PATCH_LEDGER } from './patches';

const WORKFLOWS = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Code only: comments may name patched() in prose. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Patch ids as written at their call sites: a string literal, or a constant naming the ledger entry. */
function patchCalls(): { file: string; call: 'patched' | 'deprecatePatch'; id: string }[] {
  const constants = new Map<string, string>();
  const calls: { file: string; call: 'patched' | 'deprecatePatch'; id: string }[] = [];
  const files = sourceFiles(WORKFLOWS);
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/export const (\w+) = '([^']+)'/g)) constants.set(m[1], m[2]);
  }
  for (const file of files) {
    for (const m of withoutComments(fs.readFileSync(file, 'utf8')).matchAll(/\b(patched|deprecatePatch)\(\s*(?:'([^']+)'|(\w+))\s*\)/g)) {
      calls.push({ file: path.relative(WORKFLOWS, file), call: m[1] as 'patched' | 'deprecatePatch', id: m[2] ?? constants.get(m[3]) ?? `unresolved constant ${m[3]}` });
    }
  }
  return calls;
}

describe('the patch ledger', () => {
  it('lists each id once, with a reason and a removal condition', () => {
    const ids = PATCH_LEDGER.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of PATCH_LEDGER) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(entry.removal.length).toBeGreaterThan(10);
    }
  });

  it('covers every patch call in the workflow code, in the state the call implies, and no retired id is used', () => {
    const byId = new Map(PATCH_LEDGER.map((p) => [p.id, p]));
    for (const { file, call, id } of patchCalls()) {
      const entry = byId.get(id);
      expect({ file, id, entry: entry?.state ?? 'missing from the ledger' }).toEqual({ file, id, entry: call === 'patched' ? 'active' : 'deprecated' });
    }
  });

  it('finds patch calls where they are written (the scan itself works)', () => {
    const sample = "if (patched('demo-id')) x(); deprecatePatch(SOME_ID);";
    expect([...sample.matchAll(/\b(patched|deprecatePatch)\(\s*(?:'([^']+)'|(\w+))\s*\)/g)].map((m) => m[2] ?? m[3])).toEqual(['demo-id', 'SOME_ID']);
  });
});
