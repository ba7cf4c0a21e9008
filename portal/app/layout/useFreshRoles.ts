/**
 * The roles the menu and pages follow come from the API, not from what it said at sign-in: GET
 * /api/me is read again every two minutes and whenever the tab regains focus, and the session
 * subscribers (menu, desk, role gate) redraw when it changed. A 401 (account disabled, token
 * expired) ends the session and opens the sign-in page, which says why.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/http';
import { session, type SessionUser } from '../api/session';

export const ROLES_REFRESH_MS = 2 * 60_000;

export function useFreshRoles(): void {
  const navigate = useNavigate();
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (!session.token()) return;
      try {
        const user = await api<SessionUser>('/api/me');
        if (!stopped && session.token()) session.saveUser(user);
      } catch (err) {
        if (stopped || !(err instanceof ApiError) || err.status !== 401) return; // offline or a passing error: try again later
        session.end('refused');
        navigate('/login', { replace: true });
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = window.setInterval(refresh, ROLES_REFRESH_MS);
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [navigate]);
}
