/**
 * Administration (administrators): issued certificates with their status changes, PDF and history;
 * user accounts, their roles and groups; reviewer groups and their members; counter offices (دفاتر
 * پیشخوان) with their agents and the companies' authorisations of them; working-day calendars
 * and their holidays; the yearly licensing report per certificate family.
 *
 * Every route these pages call requires the role `admin` (portal/server/routes/users.ts, groups.ts,
 * counter-offices.ts, reports.ts, certificates.ts; calendars.ts's PUT), so every entry here is for administrators.
 */
import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import CertificateIcon from '@mui/icons-material/WorkspacePremiumOutlined';
import GroupsIcon from '@mui/icons-material/GroupsOutlined';
import OfficeIcon from '@mui/icons-material/StorefrontOutlined';
import ReportIcon from '@mui/icons-material/AssessmentOutlined';
import UsersIcon from '@mui/icons-material/ManageAccountsOutlined';
import { createElement } from 'react';
import type { Feature } from '../types';
import { CalendarIndex, CalendarPage } from './CalendarPage';
import { CertificateList } from './CertificateList';
import { CertificateShow } from './CertificateShow';
import { CounterOfficeCreate } from './CounterOfficeCreate';
import { CounterOfficeList } from './CounterOfficeList';
import { CounterOfficeShow } from './CounterOfficeShow';
import { certificatesHandlers, counterOfficesHandlers, groupsHandlers, usersHandlers } from './data';
import { GroupList, GroupShow } from './Groups';
import { CertificatesHomeCard, ReportsHomeCard } from './HomeCards';
import { en, fa } from './messages';
import { ADMIN } from './model';
import { ReportsPage } from './ReportsPage';
import { UserCreate } from './UserCreate';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export const directoryFeature: Feature = {
  name: 'directory',
  resources: [
    { name: 'issued-certificates', roles: ADMIN, list: CertificateList, show: CertificateShow, recordRepresentation: 'number' },
    { name: 'users', roles: ADMIN, list: UserList, show: UserShow, create: UserCreate, recordRepresentation: 'username' },
    { name: 'groups', roles: ADMIN, list: GroupList, show: GroupShow, recordRepresentation: 'id' },
    { name: 'counter-offices', roles: ADMIN, list: CounterOfficeList, show: CounterOfficeShow, create: CounterOfficeCreate, recordRepresentation: 'officeCode' },
  ],
  routes: [
    { path: '/calendars', element: createElement(CalendarIndex), roles: ADMIN },
    { path: '/calendars/:id', element: createElement(CalendarPage), roles: ADMIN },
    { path: '/reports', element: createElement(ReportsPage), roles: ADMIN },
  ],
  menu: [
    { to: '/issued-certificates', label: 'directory.menu.certificates', icon: CertificateIcon, roles: ADMIN, section: 'admin' },
    { to: '/users', label: 'directory.menu.users', icon: UsersIcon, roles: ADMIN, section: 'admin' },
    { to: '/groups', label: 'directory.menu.groups', icon: GroupsIcon, roles: ADMIN, section: 'admin' },
    { to: '/counter-offices', label: 'directory.menu.counter_offices', icon: OfficeIcon, roles: ADMIN, section: 'admin' },
    { to: '/calendars', label: 'directory.menu.calendars', icon: CalendarIcon, roles: ADMIN, section: 'admin' },
    { to: '/reports', label: 'directory.menu.reports', icon: ReportIcon, roles: ADMIN, section: 'admin' },
  ],
  homeCards: [
    { roles: ADMIN, Card: CertificatesHomeCard },
    { roles: ADMIN, Card: ReportsHomeCard },
  ],
  data: { 'issued-certificates': certificatesHandlers, users: usersHandlers, groups: groupsHandlers, 'counter-offices': counterOfficesHandlers },
  messages: { fa, en },
};
