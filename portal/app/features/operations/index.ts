/**
 * Operations (administrators), in the manner of Camunda Operate: every process instance with its
 * state, one instance on its diagram with its incidents, tokens, variables, tasks and history, and
 * the actions the API allows administrators (retry, cancel, migrate).
 */
import InstancesIcon from '@mui/icons-material/AccountTreeOutlined';
import type { Feature } from '../types';
import { instancesHandlers } from './data';
import { IncidentBadge, OperationsHomeCard } from './HomeCard';
import { InstanceList } from './InstanceList';
import { InstanceShow } from './InstanceShow';
import { en, fa } from './messages';

/** Every operations route requires this role (portal/server/routes/operations.ts, applications' retry/cancel/migrate). */
const ADMIN = ['admin'] as const;

export const operationsFeature: Feature = {
  name: 'operations',
  resources: [{ name: 'instances', roles: ADMIN, list: InstanceList, show: InstanceShow, recordRepresentation: 'trackingNumber' }],
  menu: [{ to: '/instances', label: 'operations.menu.instances', icon: InstancesIcon, roles: ADMIN, section: 'admin', Badge: IncidentBadge }],
  homeCards: [{ roles: ADMIN, Card: OperationsHomeCard }],
  data: { instances: instancesHandlers },
  messages: { fa, en },
};
