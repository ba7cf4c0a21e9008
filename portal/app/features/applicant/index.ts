import { createElement } from 'react';
import type { Feature } from '../types';
import { ApplyPage } from './ApplyPage';

export const applicantFeature: Feature = {
  name: 'applicant',
  routes: [{ path: '/apply/:key', element: createElement(ApplyPage), roles: ['applicant'] }],
  messages: {
    fa: { applicant: { apply: { title: 'درخواست جدید', submit: 'ثبت درخواست', done: 'درخواست شما با شماره پیگیری %{trackingNumber} ثبت شد.' } } },
    en: { applicant: { apply: { title: 'New application', submit: 'Submit the application', done: 'Your application was received: tracking number %{trackingNumber}.' } } },
  },
};
