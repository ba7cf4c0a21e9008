/**
 * The `payments` resource (administrators): GET /api/payments gives the newest 500, filtered by
 * state on the server; searched, sorted and paged here (listLocally).
 */
import type { GetListParams } from 'react-admin';
import { api } from '../../api/http';
import { listLocally, type ResourceHandlers } from '../../providers/dataProvider';
import type { PaymentView } from './model';

export const paymentsHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const state = (params.filter as { state?: string } | undefined)?.state;
    const rows = await api<PaymentView[]>(`/api/payments${state ? `?state=${encodeURIComponent(state)}` : ''}`, { signal: params.signal });
    const { state: _server, ...rest } = (params.filter ?? {}) as Record<string, unknown>;
    return listLocally(rows, { ...params, filter: rest }, { searchFields: ['trackingNumber', 'gatewayReference', 'gatewayOrderId'] });
  },
} as ResourceHandlers;
