/**
 * The document store keeps bytes under generated keys inside its folder only, and writes them
 * atomically: a failed write leaves neither a partial file under the key nor a temporary file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDocumentStore, isStorageKey } from './document-store';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-documents-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file under `dir`, relative, temporary ones included. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('document store', () => {
  it('stores bytes under a generated <yyyy>/<mm>/<32 hex> key and reads back the same bytes', async () => {
    const store = createDocumentStore(root);
    const data = Buffer.from('%PDF-1.4 hello');
    const key = await store.write(data, new Date('2026-03-07T10:00:00Z'));
    expect(key).toMatch(/^2026\/03\/[0-9a-f]{32}$/);
    expect(isStorageKey(key)).toBe(true);
    expect(Buffer.compare(await store.read(key), data)).toBe(0);
    expect(filesUnder(root)).toEqual([key]); // no temporary file left behind
    const other = await store.write(data, new Date('2026-03-07T10:00:00Z'));
    expect(other).not.toBe(key);
  });

  it('refuses keys that are not generated ones, so no name can reach outside the folder', async () => {
    fs.writeFileSync(path.join(path.dirname(root), 'outside.txt'), 'secret');
    const store = createDocumentStore(root);
    const hostile = ['../outside.txt', '/etc/passwd', '2026/03/../../../outside.txt', '2026/03/' + 'a'.repeat(31) + '/', '2026\\03\\' + 'a'.repeat(32), '2026/13/' + 'a'.repeat(32), '', '2026/03/' + 'A'.repeat(32)];
    for (const key of hostile) {
      await expect(store.read(key)).rejects.toThrow(/not a document storage key/);
      await expect(store.remove(key)).rejects.toThrow(/not a document storage key/);
    }
    // and a generated-key function that produces a path out of the folder is refused before writing
    const escaping = createDocumentStore(root, { newKey: () => '../../../tmp/escaped' });
    await expect(escaping.write(Buffer.from('x'))).rejects.toThrow(/not a document storage key/);
    fs.rmSync(path.join(path.dirname(root), 'outside.txt'));
  });

  it('leaves nothing half-written when the final rename fails', async () => {
    const key = '2026/04/' + 'b'.repeat(32);
    const store = createDocumentStore(root, { newKey: () => key });
    fs.mkdirSync(path.join(root, key), { recursive: true }); // a directory where the file would go: rename fails
    await expect(store.write(Buffer.alloc(64 * 1024, 1))).rejects.toThrow();
    expect(fs.statSync(path.join(root, key)).isDirectory()).toBe(true);
    expect(filesUnder(root)).toEqual([]);
  });

  it('removes a stored file, and removing it again is no error', async () => {
    const store = createDocumentStore(root);
    const key = await store.write(Buffer.from('x'));
    await store.remove(key);
    await store.remove(key);
    await expect(store.read(key)).rejects.toThrow(/ENOENT/);
  });
});
