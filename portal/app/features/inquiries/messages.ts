/** The inquiry results card's words: Persian first, English complete. Headings keep both (`x` and `x_en`). */
import type { Messages } from '../types';

export const fa: Messages = {
  inquiries: {
    title: 'استعلام‌ها', title_en: 'Registry inquiries',
    empty: 'هنوز از هیچ سامانه‌ای درباره این پرونده استعلام نشده است.',
    empty_hint: 'استعلام‌ها وقتی فرایند به آن‌ها برسد خودکار انجام می‌شوند؛ اگر سامانه‌ای در دسترس نباشد، رخدادی برای مدیر سامانه ثبت می‌شود تا پس از برقراری دوباره اجرا کند.',
    registry: {
      'company-registry': 'سامانه ثبت شرکت‌ها', 'national-identity': 'احراز هویت (کد ملی و شماره همراه)', 'degree-verification': 'استعلام مدرک تحصیلی',
    },
    outcome: { positive: 'مثبت', negative: 'منفی' },
    asked_at: 'زمان پاسخ',
    details: 'جزئیات پاسخ سامانه',
    directors: 'مدیران',
  },
};

export const en: Messages = {
  inquiries: {
    title: 'Registry inquiries', title_en: 'استعلام‌ها',
    empty: 'No registry has been asked about this application yet.',
    empty_hint: 'Inquiries run by themselves when the process reaches them; a registry that cannot be reached shows as an incident the administrator retries once it is back.',
    registry: {
      'company-registry': 'Company registry', 'national-identity': 'Identity (national ID and mobile)', 'degree-verification': 'Degree verification',
    },
    outcome: { positive: 'Positive', negative: 'Negative' },
    asked_at: 'Answered',
    details: 'The registry\'s answer in full',
    directors: 'Directors',
  },
};
