/**
 * Where document bytes live: files under one folder (outside the web root), named by generated
 * keys `<yyyy>/<mm>/<32 hex>`, never by what the uploader called them. A write is atomic: the
 * bytes go to a temporary file in the same folder, are flushed to disk, and only then renamed to
 * their key, so a reader never sees half a file and a crash leaves at most a stray temporary file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const STORAGE_KEY = /^[0-9]{4}\/(0[1-9]|1[0-2])\/[0-9a-f]{32}$/;

export interface DocumentStore {
  readonly root: string;
  /** Stores the bytes under a new key (in the folder of `now`'s year and month) and returns the key. */
  write(data: Buffer, now?: Date): Promise<string>;
  read(key: string): Promise<Buffer>;
  /** Removes a stored file; one that is already gone is not an error. */
  remove(key: string): Promise<void>;
}

export interface DocumentStoreOptions {
  /** Makes the key of a new file (tests use it to force a collision). */
  newKey?: (now: Date) => string;
}

export const isStorageKey = (key: string): boolean => STORAGE_KEY.test(key);

export function newStorageKey(now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${crypto.randomBytes(16).toString('hex')}`;
}

export function createDocumentStore(root: string, options: DocumentStoreOptions = {}): DocumentStore {
  const base = path.resolve(root);
  const newKey = options.newKey ?? newStorageKey;

  /** The file of a key; anything that is not a generated key, or would leave the folder, is refused. */
  function fileOf(key: string): string {
    if (!isStorageKey(key)) throw new Error(`not a document storage key: ${JSON.stringify(key).slice(0, 80)}`);
    const file = path.resolve(base, key);
    const inside = path.relative(base, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) throw new Error(`storage key ${key} leaves the document folder`);
    return file;
  }

  return {
    root: base,
    async write(data, now = new Date()) {
      const key = newKey(now);
      await writeAtomically(fileOf(key), data);
      return key;
    },
    async read(key) {
      return fs.readFile(fileOf(key));
    },
    async remove(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o750 });
  const temp = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable (a power cut right after it must not lose the new name). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // some platforms cannot fsync a directory; the file itself is already on disk
  } finally {
    await handle?.close();
  }
}
