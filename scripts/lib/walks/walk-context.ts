/** What a family's walk works with: demo users logged in once each, through the HTTP API only. */
import { ApiClient } from '../api-client';

export interface WalkResult {
  trackingNumber: string;
  certificateNumber: string;
}

export interface WalkContext {
  anonymous: ApiClient;
  /** The demo user, logged in (once per walk context). */
  as(username: string): Promise<ApiClient>;
}

export function walkContext(baseUrl: string): WalkContext {
  const anonymous = new ApiClient(baseUrl);
  const sessions = new Map<string, Promise<ApiClient>>();
  return {
    anonymous,
    as(username) {
      const session = sessions.get(username) ?? anonymous.login(username);
      sessions.set(username, session);
      return session;
    },
  };
}

/** A walk's application must have ended approved with exactly one certificate. */
export function certificateOf(done: { trackingNumber: string; outcome: string | null; certificates: { number: string }[] }): WalkResult {
  if (done.outcome !== 'approved' || done.certificates.length !== 1) throw new Error(`expected one certificate, got ${JSON.stringify(done)}`);
  return { trackingNumber: done.trackingNumber, certificateNumber: done.certificates[0].number };
}
