/**
 * What the product needs from a payment gateway (an IPG: the bank's internet payment page), so a
 * real one can replace the simulator (simulators/payment-gateway/) without touching the rest:
 * create an order and send the applicant's browser to its page; receive the gateway's signed result
 * on our callback; ask the gateway about an order whose callback never came; refund a paid order.
 */
import crypto from 'node:crypto';

export type GatewayStatus = 'paid' | 'failed';

/** The gateway's verdict on one order, signed with the secret we share with it. */
export interface SignedResult {
  orderId: string;
  status: GatewayStatus;
  /** rials */
  amount: number;
  /** The gateway's tracking code of the transaction (کد پیگیری). */
  reference: string;
  /** When the gateway settled it, ISO 8601. */
  at: string;
  /** HMAC-SHA256 (hex) of canonicalResult(...) with the shared secret. */
  signature: string;
}

export interface CreateOrderInput {
  orderId: string;
  amount: number;
  description: string;
  /** Where the gateway posts the signed result (server to server). */
  callbackUrl: string;
  /** Where the gateway sends the browser back. */
  returnUrl: string;
}

export interface PaymentGateway {
  readonly name: string;
  createOrder(input: CreateOrderInput): Promise<{ redirectUrl: string }>;
  /** The order's signed result, or null while the payer has not finished (or never started). */
  inquire(orderId: string): Promise<SignedResult | null>;
  /** Returns the gateway's refund reference; the same refundId twice refunds once. */
  refund(input: { orderId: string; refundId: string; amount: number }): Promise<{ reference: string }>;
  /** Whether a result really comes from this gateway (its signature). */
  verify(result: SignedResult): boolean;
}

export function canonicalResult(r: Omit<SignedResult, 'signature'>): string {
  return ['v1', r.orderId, r.status, String(r.amount), r.reference, r.at].join('\n');
}

export function signResult(secret: string, r: Omit<SignedResult, 'signature'>): SignedResult {
  const signature = crypto.createHmac('sha256', secret).update(canonicalResult(r)).digest('hex');
  return { orderId: r.orderId, status: r.status, amount: r.amount, reference: r.reference, at: r.at, signature };
}

export function verifyResult(secret: string, r: SignedResult): boolean {
  if (!isSignedResult(r)) return false;
  const expected = Buffer.from(signResult(secret, r).signature, 'hex');
  const given = Buffer.from(r.signature, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function isSignedResult(v: unknown): v is SignedResult {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.orderId === 'string' && (r.status === 'paid' || r.status === 'failed') &&
    Number.isSafeInteger(r.amount) && typeof r.reference === 'string' && typeof r.at === 'string' &&
    typeof r.signature === 'string' && /^[0-9a-f]{64}$/.test(r.signature);
}
