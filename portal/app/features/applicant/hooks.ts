/** Shared reads of the applicant's pages, cached by react-query under keys starting with 'applicant'. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/http';
import type { DefinitionSummary, NotificationRow, StartInfo, TaskDetail } from './model';
import { fetchApplications } from './data';

/** Deployed processes, the newest version of each. */
export function useDefinitions() {
  return useQuery({ queryKey: ['applicant', 'definitions'], queryFn: ({ signal }) => api<DefinitionSummary[]>('/api/definitions', { signal }), staleTime: 60_000 });
}

/** A process's name by its key (the newest version's), or the key. */
export function useProcessNames(): (key: string) => string {
  const { data } = useDefinitions();
  return (key: string) => data?.find((d) => d.key === key)?.name ?? key;
}

/** What applying for a process takes (a version's start form, decision time, rejection conditions). */
export function useStartInfo(key: string | undefined, version?: number) {
  return useQuery({
    queryKey: ['applicant', 'start-form', key, version ?? 'latest'],
    queryFn: ({ signal }) => api<StartInfo>(`/api/definitions/${encodeURIComponent(key ?? '')}/start-form${version ? `?version=${version}` : ''}`, { signal }),
    enabled: !!key,
    staleTime: 60_000,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({ queryKey: ['applicant', 'task', id], queryFn: ({ signal }) => api<TaskDetail>(`/api/tasks/${encodeURIComponent(id ?? '')}`, { signal }), enabled: !!id });
}

/** The applications (the home card, the menu count, the inbox's links), refreshed every 15 s. */
export function useMyApplications() {
  return useQuery({ queryKey: ['applicant', 'applications'], queryFn: ({ signal }) => fetchApplications(signal), refetchInterval: 15_000 });
}

const NOTIFICATIONS = ['applicant', 'notifications'];

export function useNotifications() {
  return useQuery({ queryKey: NOTIFICATIONS, queryFn: ({ signal }) => api<NotificationRow[]>('/api/notifications', { signal }), refetchInterval: 30_000 });
}

/**
 * Marks messages read (POST /api/notifications/read) once they have been shown; the cached inbox
 * takes the reading time at once, so the menu's unread count follows without a reload.
 */
export function useMarkRead(): (ids: string[]) => void {
  const queryClient = useQueryClient();
  return useCallback((ids: string[]) => {
    if (!ids.length) return;
    api<{ marked: number }>('/api/notifications/read', { body: { ids: ids.slice(0, 200) } }).then(() => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationRow[]>(NOTIFICATIONS, (rows) => rows?.map((n) => (ids.includes(n.id) && !n.readAt ? { ...n, readAt: now } : n)));
    }, () => undefined); // still unread: marked again on the next visit
  }, [queryClient]);
}
