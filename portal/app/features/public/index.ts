/**
 * The public pages, open to anyone without signing in and drawn in the public frame: the home page,
 * certificate verification (by number, by the QR code's address /verify/<number>, by PDF upload),
 * the public register and the CA certificates.
 */
import { createElement } from 'react';
import type { Feature } from '../types';
import { CaPage } from './CaPage';
import { PublicHomePage } from './HomePage';
import { publicMessages } from './messages';
import { RegisterPage } from './RegisterPage';
import { VerifyPage } from './VerifyPage';

export const publicFeature: Feature = {
  name: 'public',
  publicRoutes: [
    { path: '/', element: createElement(PublicHomePage) },
    // one route for /verify and /verify/<number>: the page keeps its state when a lookup changes the address
    { path: '/verify/:number?', element: createElement(VerifyPage) },
    { path: '/register', element: createElement(RegisterPage) },
    { path: '/ca', element: createElement(CaPage) },
  ],
  messages: publicMessages,
};
