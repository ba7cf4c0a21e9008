/**
 * Without a network, installing the independent validators fails at once with a message that says
 * which registry must be reachable, and leaves no half-made build behind to be taken for a whole
 * one. Run in a network namespace of its own (`unshare -n`, as root), with an empty tools folder
 * and an empty Maven repository, so that nothing already downloaded helps.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../config';

const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

function ensureWithoutNetwork(tool: 'dss' | 'pyhanko', toolsDir: string, mavenRepo: string): { status: number | null; output: string } {
  const modules = { dss: ['./dss/dss-tool', 'ensureDssValidator'], pyhanko: ['./pyhanko/pyhanko-tool', 'ensurePyHanko'] } as const;
  const [module, fn] = modules[tool];
  const script = `require(${JSON.stringify(path.join(__dirname, module))}).${fn}()`;
  const result = spawnSync('unshare', ['-n', TSX, '-e', script], {
    encoding: 'utf8',
    timeout: 5 * 60_000,
    env: { ...process.env, VALIDATORS_TOOLS_DIR: toolsDir, MAVEN_OPTS: `-Dmaven.repo.local=${mavenRepo}`, PIP_NO_CACHE_DIR: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('independent validators - installing without a network', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-validators-offline-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['dss', /building the EU DSS validator .* failed .* Maven Central: check that it is reachable/],
    ['pyhanko', /installing pyhanko==\S+ pyhanko-cli==\S+ from PyPI failed .* PyPI: check that it is reachable/],
  ] as const)('%s: fails with a message naming the registry, and leaves nothing in the tools folder', async (tool, message) => {
    const toolsDir = path.join(dir, tool, 'tools');
    const { status, output } = ensureWithoutNetwork(tool, toolsDir, path.join(dir, tool, 'm2'));
    expect(status).not.toBe(0);
    expect(output).toMatch(message);
    expect(await fs.readdir(path.join(toolsDir, tool))).toEqual([]);
  });
});
