/**
 * Satisfaction, questions/complaints and counter-office agents: the public contact page (file a
 * message, follow it up), "my messages", the administrators' answer desk and satisfaction report,
 * and the companies' and agents' page of counter-office authorisations. The satisfaction prompt
 * itself sits on the applicant's application page (SatisfactionCard). API: routes/feedback.ts,
 * satisfaction.ts, agents.ts.
 */
import AgentIcon from '@mui/icons-material/StorefrontOutlined';
import ContactIcon from '@mui/icons-material/ContactSupportOutlined';
import FeedbackIcon from '@mui/icons-material/FeedbackOutlined';
import MessagesIcon from '@mui/icons-material/ForumOutlined';
import SatisfactionIcon from '@mui/icons-material/SentimentSatisfiedAltOutlined';
import { createElement } from 'react';
import type { Feature } from '../types';
import { AgentsPage } from './AgentsPage';
import { ContactPage } from './ContactPage';
import { FeedbackAdminPage } from './FeedbackAdminPage';
import { feedbackMessages } from './messages';
import { MyMessagesPage } from './MyMessagesPage';
import { SatisfactionReportPage } from './SatisfactionReportPage';

const ADMIN = ['admin'] as const;
const COMPANY_OR_AGENT = ['applicant', 'agent'] as const;
/** GET /api/agents/authorisations answers administrators with every authorisation, and they may revoke one. */
const AUTHORISATIONS = ['applicant', 'agent', 'admin'] as const;

export const feedbackFeature: Feature = {
  name: 'feedback',
  publicRoutes: [{ path: '/contact', element: createElement(ContactPage) }],
  routes: [
    { path: '/messages', element: createElement(MyMessagesPage) },
    { path: '/feedback', element: createElement(FeedbackAdminPage), roles: ADMIN },
    { path: '/reports/satisfaction', element: createElement(SatisfactionReportPage), roles: ADMIN },
    { path: '/agents', element: createElement(AgentsPage), roles: AUTHORISATIONS },
  ],
  menu: [
    // anyone signed in may file a message and read their own (GET /api/feedback/mine needs only a login)
    { to: '/messages', label: 'feedback.menu.mine', icon: MessagesIcon, section: 'personal' },
    { to: '/agents', label: 'feedback.menu.agents', icon: AgentIcon, roles: COMPANY_OR_AGENT, section: 'applicant' },
    { to: '/agents', label: 'feedback.menu.agents_admin', icon: AgentIcon, roles: ADMIN, section: 'admin' },
    { to: '/feedback', label: 'feedback.menu.admin', icon: FeedbackIcon, roles: ADMIN, section: 'admin' },
    { to: '/reports/satisfaction', label: 'feedback.menu.satisfaction', icon: SatisfactionIcon, roles: ADMIN, section: 'admin' },
    { to: '/contact', label: 'feedback.menu.contact', icon: ContactIcon, section: 'public' },
  ],
  messages: feedbackMessages,
};
