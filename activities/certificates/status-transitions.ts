/**
 * The certificate lifecycle after issue: a valid certificate may be suspended (reversible) or
 * revoked (final); a suspended one reinstated or revoked. Expiry is not a stored status: it follows
 * from the date (portal/server/services/certificate-records.ts).
 */
export const STATUS_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

const TRANSITIONS: Record<StatusAction, { from: readonly string[]; to: string }> = {
  suspend: { from: ['valid'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked' },
};

export function isStatusAction(value: unknown): value is StatusAction {
  return typeof value === 'string' && (STATUS_ACTIONS as readonly string[]).includes(value);
}

/** The status `action` leads to from `status`, or why it may not be taken. */
export function nextStatus(status: string, action: StatusAction): { ok: true; status: string } | { ok: false; message: string } {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return { ok: true, status: t.to };
  return { ok: false, message: `a ${status} certificate cannot be ${action === 'reinstate' ? 'reinstated' : `${action}${action.endsWith('e') ? 'd' : 'ed'}`} (allowed from: ${t.from.join(', ')})` };
}
