/**
 * The PaymentGateway over the HTTP protocol the simulator speaks (simulators/payment-gateway/):
 * JSON orders, a pay page, an HMAC-signed result, an inquiry and a refund endpoint.
 */
import { type CreateOrderInput, type PaymentGateway, type SignedResult, isSignedResult, verifyResult } from './gateway';

export interface HttpGatewayOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:3100 */
  url: string;
  /** The secret shared with the gateway: it signs results with it. */
  secret: string;
  timeoutMs?: number;
}

export function createHttpGateway({ url, secret, timeoutMs = 10_000 }: HttpGatewayOptions): PaymentGateway {
  const base = url.replace(/\/$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }
  return {
    name: 'simulator',
    async createOrder(input: CreateOrderInput) {
      const { status, json } = await call('POST', '/api/orders', input);
      const redirectUrl = (json as { redirectUrl?: unknown } | null)?.redirectUrl;
      if (status !== 200 || typeof redirectUrl !== 'string') throw new Error(`payment gateway refused order ${input.orderId} (HTTP ${status})`);
      return { redirectUrl };
    },
    async inquire(orderId: string): Promise<SignedResult | null> {
      const { status, json } = await call('GET', `/api/orders/${encodeURIComponent(orderId)}`);
      if (status === 404) return null;
      if (status !== 200) throw new Error(`payment gateway inquiry of ${orderId} failed (HTTP ${status})`);
      const result = (json as { result?: unknown } | null)?.result;
      if (result == null) return null;
      if (!isSignedResult(result) || !verifyResult(secret, result)) throw new Error(`payment gateway answered an unsigned or forged result for ${orderId}`);
      return result;
    },
    async refund(input) {
      const { status, json } = await call('POST', `/api/orders/${encodeURIComponent(input.orderId)}/refund`, { refundId: input.refundId, amount: input.amount });
      const reference = (json as { reference?: unknown } | null)?.reference;
      if (status !== 200 || typeof reference !== 'string') throw new Error(`payment gateway refused the refund of ${input.orderId} (HTTP ${status})`);
      return { reference };
    },
    verify: (result) => verifyResult(secret, result),
  };
}
