/**
 * Reviewers' work, in the manner of a tasklist: the queues of the user's candidate groups with their
 * counts, the tasks filtered on the server, claiming, and one task's form beside the application's
 * data, documents, comments and earlier decisions. For reviewers, and for outside organisations
 * (a lab, an audit body) given tasks through their `org:<national id>` group: GET /api/tasks is open to
 * every signed-in user and answers only what they may work on.
 */
import TaskIcon from '@mui/icons-material/AssignmentOutlined';
import type { Feature } from '../types';
import { tasksHandlers } from './data';
import { QueueMenuGuard, ReviewerHomeCard, TaskBadge } from './HomeCard';
import { en, fa } from './messages';
import { TaskList } from './TaskList';
import { TaskShow } from './TaskShow';

export const reviewerFeature: Feature = {
  name: 'reviewer',
  resources: [{ name: 'tasks', list: TaskList, show: TaskShow, recordRepresentation: 'name' }],
  menu: [
    { to: '/tasks', label: 'reviewer.menu.tasks', icon: TaskIcon, roles: ['reviewer'], section: 'reviewer', Badge: TaskBadge },
    // anyone else (an outside organisation's people, an agent, an administrator) sees it while the API gives them a task
    { to: '/tasks', label: 'reviewer.menu.tasks', icon: TaskIcon, roles: ['applicant', 'agent', 'admin'], section: 'personal', Badge: TaskBadge, Guard: QueueMenuGuard },
  ],
  homeCards: [{ Card: ReviewerHomeCard }],
  data: { tasks: tasksHandlers },
  messages: { fa, en },
};
