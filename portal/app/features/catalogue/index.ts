/**
 * The public catalogue of services (each family's service identity card and permit record) and the
 * public performance figures, open to anyone and drawn in the public frame.
 */
import { createElement } from 'react';
import type { Feature } from '../types';
import { CataloguePage } from './CataloguePage';
import { catalogueMessages } from './messages';
import { ServiceCardPage } from './ServiceCardPage';
import { StatisticsPage } from './StatisticsPage';

export const catalogueFeature: Feature = {
  name: 'catalogue',
  publicRoutes: [
    { path: '/catalogue', element: createElement(CataloguePage) },
    { path: '/catalogue/:key', element: createElement(ServiceCardPage) },
    { path: '/statistics', element: createElement(StatisticsPage) },
  ],
  messages: catalogueMessages,
};
