/**
 * The signed-in session as the browser keeps it: the bearer token and the user the API answered
 * with (at sign-in, then every GET /api/me: layout/useFreshRoles.ts). Kept in sessionStorage, as the
 * earlier portal did: closing the tab signs out. Pages that draw by role (the menu, the desk, the
 * role gate) subscribe, so a role the API changes redraws them.
 */
import { useSyncExternalStore } from 'react';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  roles: string[];
  groups: string[];
}

const TOKEN_KEY = 'ito.token';
const USER_KEY = 'ito.user';
/** Why the app signed the user out (shown once on the sign-in page). */
const SIGNED_OUT_KEY = 'ito.signed_out';

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  user(): SessionUser | null {
    const text = sessionStorage.getItem(USER_KEY);
    if (!text) return null;
    try {
      return JSON.parse(text) as SessionUser;
    } catch {
      return null;
    }
  },
  save(token: string, user: SessionUser): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    changed();
  },
  /** Keeps the user the API answered with; tells the subscribers only when something changed. */
  saveUser(user: SessionUser): void {
    const text = JSON.stringify(user);
    if (sessionStorage.getItem(USER_KEY) === text) return;
    sessionStorage.setItem(USER_KEY, text);
    changed();
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    changed();
  },
  /** Signs out because the API no longer accepts the token (account disabled, token expired). */
  end(reason: 'refused'): void {
    session.clear();
    sessionStorage.setItem(SIGNED_OUT_KEY, reason);
  },
  /** Why the app last signed the user out, once: the sign-in page says it. */
  takeSignedOutReason(): string | null {
    const reason = sessionStorage.getItem(SIGNED_OUT_KEY);
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    return reason;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The signed-in user, redrawn whenever the session changes. */
export function useSessionUser(): SessionUser | null {
  const text = useSyncExternalStore(session.subscribe, () => sessionStorage.getItem(USER_KEY));
  return text ? session.user() : null;
}

export const hasRole = (user: SessionUser | null | undefined, role: string): boolean => !!user && user.roles.includes(role);
