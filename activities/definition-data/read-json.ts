/** Reads a JSON data file of definitions/, parsed once per version of the file (by modification time). */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const DEFINITIONS_DIR = path.resolve(__dirname, '../../definitions');

const cache = new Map<string, { modified: number; value: unknown }>();

/** `check` turns the parsed JSON into its type or throws naming what is wrong. */
export function readDefinitionData<T>(name: string, check: (data: unknown, file: string) => T, dir: string = DEFINITIONS_DIR): T {
  const file = path.join(dir, name);
  const modified = statSync(file).mtimeMs;
  const cached = cache.get(file);
  if (cached && cached.modified === modified) return cached.value as T;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const value = check(data, file);
  cache.set(file, { modified, value });
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Bilingual {
  fa: string;
  en: string;
}

export function isBilingual(value: unknown): value is Bilingual {
  return isRecord(value) && typeof value.fa === 'string' && value.fa.trim() !== '' && typeof value.en === 'string' && value.en.trim() !== '';
}

/** The form-js label convention of this product: Persian first, then ` / ` and English. */
export const bilingualLabel = (text: Bilingual): string => `${text.fa} / ${text.en}`;
