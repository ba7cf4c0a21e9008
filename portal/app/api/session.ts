/**
 * The signed-in session as the browser keeps it: the bearer token and the user the API answered
 * with at sign-in (GET /api/me refreshes it). Kept in sessionStorage, as the earlier portal did:
 * closing the tab signs out.
 */
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
  },
  saveUser(user: SessionUser): void {
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

export const hasRole = (user: SessionUser | null | undefined, role: string): boolean => !!user && user.roles.includes(role);
