/**
 * The notice outbox (administrators): every notice's delivery on every channel (portal inbox, SMS
 * 4040, e-mail) with its state, and a retry of a failed one. The API (portal/server/routes/outbox.ts)
 * requires the role `admin` for all of it.
 */
import OutboxIcon from '@mui/icons-material/OutboxOutlined';
import { createElement } from 'react';
import type { Feature } from '../types';
import { en, fa } from './messages';
import { ADMIN } from './model';
import { OutboxPage } from './OutboxPage';

export const outboxFeature: Feature = {
  name: 'outbox',
  routes: [{ path: '/outbox', element: createElement(OutboxPage), roles: ADMIN }],
  menu: [{ to: '/outbox', label: 'outbox.menu', icon: OutboxIcon, roles: ADMIN, section: 'admin' }],
  messages: { fa, en },
};
