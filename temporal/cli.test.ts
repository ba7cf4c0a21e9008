import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findTemporalCli } from './cli';

function fakeCli(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'temporal');
  fs.writeFileSync(file, '#!/bin/sh\necho temporal version 0.0.0\n', { mode: 0o755 });
  return file;
}

describe('temporal/cli - where the Temporal CLI comes from', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-lookup-'));
  const explicit = fakeCli(path.join(root, 'explicit'));
  const onPath = fakeCli(path.join(root, 'on-path'));
  const cached = fakeCli(path.join(root, 'tools'));
  const emptyTools = path.join(root, 'no-tools');
  const quiet = { version: 'v1.5.1', log: () => {} };

  it('prefers TEMPORAL_CLI over everything else', () => {
    expect(findTemporalCli({ ...quiet, env: { TEMPORAL_CLI: explicit, PATH: path.dirname(onPath) }, toolsDir: path.dirname(cached) })).toBe(explicit);
  });

  it('refuses a TEMPORAL_CLI that is not an executable file, saying so', () => {
    expect(() => findTemporalCli({ ...quiet, env: { TEMPORAL_CLI: path.join(root, 'missing') }, toolsDir: emptyTools })).toThrow(/TEMPORAL_CLI=.* is not an executable file/);
  });

  it('takes `temporal` on PATH before the cached build', () => {
    expect(findTemporalCli({ ...quiet, env: { PATH: path.dirname(onPath) }, toolsDir: path.dirname(cached) })).toBe(onPath);
  });

  it('falls back to the cached build in the tools folder', () => {
    expect(findTemporalCli({ ...quiet, env: { PATH: path.join(root, 'nothing-here') }, toolsDir: path.dirname(cached) })).toBe(cached);
  });

  it('answers undefined (leaving the SDK download) when nothing is found and Go is absent', () => {
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(root, 'nothing-here'); // hides `go` from the go-install step
    try {
      expect(findTemporalCli({ ...quiet, env: { PATH: process.env.PATH }, toolsDir: emptyTools })).toBeUndefined();
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
