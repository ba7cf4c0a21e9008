/**
 * Process definitions (administrators first): the deployed processes and their versions, each
 * version's diagram, XML and start form, a comparison of two versions, and the process editor
 * (bpmn-js from portal/modeler/) to check and deploy new versions.
 *
 * Who may do what follows portal/server/routes/definitions.ts: reading definitions, versions and
 * start forms needs only a signed-in user; checking and deploying need `admin`.
 */
import EditorIcon from '@mui/icons-material/DesignServicesOutlined';
import SchemaIcon from '@mui/icons-material/SchemaOutlined';
import { createElement } from 'react';
import type { Feature } from '../types';
import { definitionsHandlers } from './data';
import { DefinitionList } from './DefinitionList';
import { DefinitionShow } from './DefinitionShow';
import { DiffPage } from './DiffPage';
import { EditorPage, ModelerRedirect } from './EditorPage';
import { ProcessesHomeCard } from './HomeCard';
import { en, fa } from './messages';
import { ADMIN } from './model';

export const processesFeature: Feature = {
  name: 'processes',
  // GET /api/definitions* require only authentication: any signed-in user may read them
  resources: [{ name: 'definitions', list: DefinitionList, show: DefinitionShow, recordRepresentation: 'key' }],
  routes: [
    { path: '/processes/new', element: createElement(EditorPage), roles: ADMIN },
    { path: '/processes/edit/:key', element: createElement(EditorPage), roles: ADMIN },
    { path: '/processes/edit/:key/:version', element: createElement(EditorPage), roles: ADMIN },
    { path: '/processes/:key/diff', element: createElement(DiffPage) },
    { path: '/modeler', element: createElement(ModelerRedirect), roles: ADMIN },
  ],
  menu: [
    { to: '/definitions', label: 'processes.menu.definitions', icon: SchemaIcon, roles: ADMIN, section: 'admin' },
    { to: '/processes/new', label: 'processes.menu.editor', icon: EditorIcon, roles: ADMIN, section: 'admin' },
    // reading definitions needs only a login: everyone signed in finds them in their own section
    { to: '/definitions', label: 'processes.menu.definitions', icon: SchemaIcon, roles: ['reviewer'], section: 'reviewer' },
    { to: '/definitions', label: 'processes.menu.definitions', icon: SchemaIcon, roles: ['applicant', 'agent'], section: 'applicant' },
  ],
  homeCards: [{ roles: ADMIN, Card: ProcessesHomeCard }],
  data: { definitions: definitionsHandlers },
  messages: { fa, en },
};
