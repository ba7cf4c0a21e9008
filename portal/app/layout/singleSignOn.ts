/**
 * The national single sign-on as the portal sees it: whether the API offers it (GET /api/auth/options)
 * and with which words, and the landing it sends the browser back to (/login/oidc): a bearer token in
 * the URL fragment, or the reason for a refusal in the query.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/http';

export interface SingleSignOnOption {
  enabled: boolean;
  label?: { fa: string; en: string };
}

/** Where a sign-in through the provider begins (the API redirects to the provider). */
export const SINGLE_SIGN_ON_START = '/api/auth/oidc/start';

/** The reasons the API gives for a refused sign-in (portal/server/routes/oidc.ts); anything else is said as `failed`. */
const REASONS = ['provider_unavailable', 'provider_error', 'bad_state', 'expired', 'token_failed', 'id_token_invalid', 'no_username', 'unknown_user', 'unusable_username', 'inactive_user', 'failed'] as const;
export type RefusalReason = (typeof REASONS)[number];

/** The single sign-on's button, once the API has said it is on; never while unknown or when the API cannot be asked. */
export function useSingleSignOn(): SingleSignOnOption | null {
  const [option, setOption] = useState<SingleSignOnOption | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    api<{ oidc: SingleSignOnOption }>('/api/auth/options', { signal: abort.signal })
      .then((answer) => setOption(answer.oidc))
      .catch(() => setOption({ enabled: false }));
    return () => abort.abort();
  }, []);
  return option;
}

export type Landing = { token: string } | { refused: RefusalReason };

/** What the API sent the browser back with, from the landing's address. */
export function landingOf(location: Pick<Location, 'hash' | 'search'>): Landing {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (token) return { token };
  const reason = new URLSearchParams(location.search).get('error');
  return { refused: (REASONS as readonly string[]).includes(reason ?? '') ? (reason as RefusalReason) : 'failed' };
}
