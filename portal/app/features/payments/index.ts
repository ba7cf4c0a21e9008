/**
 * Fees and payments: the administrators' list of payments (GET /api/payments, reconciliation on
 * demand), and the fee panel applicants see on their application's page (FeePanel, used by the
 * applicant feature). The API: portal/server/routes/payments.ts.
 */
import PaymentsIcon from '@mui/icons-material/PaymentsOutlined';
import type { Feature } from '../types';
import { paymentsHandlers } from './data';
import { en, fa } from './messages';
import { PaymentList } from './PaymentList';

const ADMIN = ['admin'] as const;

export const paymentsFeature: Feature = {
  name: 'payments',
  resources: [{ name: 'payments', roles: ADMIN, list: PaymentList, recordRepresentation: 'trackingNumber' }],
  menu: [{ to: '/payments', label: 'payments.menu', icon: PaymentsIcon, roles: ADMIN, section: 'admin' }],
  data: { payments: paymentsHandlers },
  messages: { fa, en },
};
