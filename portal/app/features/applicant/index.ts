/**
 * Applicants: their organisation's applications (list, one application with its fix form, history,
 * documents and certificates), starting one, withdrawing it, renewing a certificate, and the inbox.
 * Every route here is one the API opens to the `applicant` role (portal/server/routes/applications.ts,
 * tasks.ts, notifications.ts; an applicant sees its organisation's applications: services/access.ts).
 */
import AppsIcon from '@mui/icons-material/AssignmentOutlined';
import NewIcon from '@mui/icons-material/NoteAddOutlined';
import InboxIcon from '@mui/icons-material/MailOutline';
import { createElement } from 'react';
import type { Feature } from '../types';
import { ApplicationList } from './ApplicationList';
import { ApplicationShow } from './ApplicationShow';
import { ApplyPage } from './ApplyPage';
import { applicationsHandlers } from './data';
import { ApplicantHomeCard, UnreadBadge, WaitingBadge } from './HomeCard';
import { InboxPage } from './InboxPage';
import { en, fa } from './messages';
import { NewApplicationPage } from './NewApplicationPage';

const APPLICANT = ['applicant'] as const;
/** Agents of counter offices apply, follow and fix for the companies that authorised them (routes/applications.ts, tasks.ts). */
const APPLYING = ['applicant', 'agent'] as const;
/** GET /api/applications answers reviewers and administrators with every application (services/access.ts). */
const REVIEWER = ['reviewer'] as const;
const ADMIN = ['admin'] as const;

export const applicantFeature: Feature = {
  name: 'applicant',
  resources: [{ name: 'applications', list: ApplicationList, show: ApplicationShow, recordRepresentation: 'trackingNumber' }],
  routes: [
    { path: '/apply', element: createElement(NewApplicationPage), roles: APPLYING },
    { path: '/apply/:key', element: createElement(ApplyPage), roles: APPLYING },
    // every signed-in user has an inbox (GET /api/notifications needs only a login)
    { path: '/inbox', element: createElement(InboxPage) },
  ],
  menu: [
    { to: '/applications', label: 'applicant.menu.applications', icon: AppsIcon, roles: APPLYING, section: 'applicant', Badge: WaitingBadge },
    { to: '/apply', label: 'applicant.menu.new', icon: NewIcon, roles: APPLYING, section: 'applicant' },
    { to: '/applications', label: 'applicant.menu.all_applications', icon: AppsIcon, roles: REVIEWER, section: 'reviewer' },
    { to: '/applications', label: 'applicant.menu.all_applications', icon: AppsIcon, roles: ADMIN, section: 'admin' },
    // every signed-in user has an inbox (GET /api/notifications needs only a login)
    { to: '/inbox', label: 'applicant.menu.inbox', icon: InboxIcon, section: 'personal', Badge: UnreadBadge },
  ],
  homeCards: [{ roles: APPLICANT, Card: ApplicantHomeCard }],
  data: { applications: applicationsHandlers },
  messages: { fa, en },
};
