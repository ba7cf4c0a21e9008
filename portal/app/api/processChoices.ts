/** The deployed processes as choices for a list's process filter (newest version of each, by key). */
import { useEffect, useState } from 'react';
import { api } from './http';

export interface ProcessChoice {
  id: string;
  name: string;
}

export function useProcessChoices(): ProcessChoice[] {
  const [choices, setChoices] = useState<ProcessChoice[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api<{ key: string; name: string | null }[]>('/api/definitions', { signal: controller.signal })
      .then((rows) => setChoices(rows.map((r) => ({ id: r.key, name: r.name ? `${r.name} (${r.key})` : r.key }))))
      .catch(() => undefined); // the filter offers nothing; the list itself reports its errors
    return () => controller.abort();
  }, []);
  return choices;
}
