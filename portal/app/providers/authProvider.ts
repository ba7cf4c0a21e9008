/**
 * Sign-in against POST /api/auth/login, the session kept by api/session.ts. Permissions are the
 * user's roles and groups as the API reports them; which page needs which role is declared by each
 * feature (features/*), the same roles the API's routes require, so the menu offers only what the
 * API will allow.
 */
import type { AuthProvider } from 'react-admin';
import { api, ApiError } from '../api/http';
import { session, type SessionUser } from '../api/session';

/** Which roles may use a resource; a resource not listed is open to every signed-in user. */
export type ResourceAccess = Record<string, readonly string[]>;

export function createAuthProvider(access: ResourceAccess): AuthProvider {
  return {
    async login({ username, password }: { username: string; password: string }) {
      const answer = await api<{ token: string; user: SessionUser }>('/api/auth/login', { body: { username, password } });
      session.save(answer.token, answer.user);
      return { redirectTo: '/home' };
    },
    async logout() {
      session.clear();
      return '/login';
    },
    async checkAuth() {
      if (!session.token()) throw new Error('ra.auth.auth_check_error');
    },
    async checkError(error: unknown) {
      const status = error instanceof ApiError ? error.status : (error as { status?: number })?.status;
      if (status === 401) {
        session.clear();
        throw new Error('ra.notification.logged_out');
      }
    },
    async getIdentity() {
      const user = session.user();
      if (!user) throw new Error('ra.auth.auth_check_error');
      return { id: user.id, fullName: user.displayName };
    },
    async getPermissions() {
      return session.user();
    },
    async canAccess({ resource }: { resource: string }) {
      const roles = access[resource];
      if (!roles) return !!session.user();
      const user = session.user();
      return !!user && user.roles.some((r) => roles.includes(r));
    },
  };
}
