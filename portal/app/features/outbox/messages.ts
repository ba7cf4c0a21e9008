/** The words of the outbox pages (administrators), Persian first. */
import type { Messages } from '../types';

export const fa: Messages = {
  outbox: {
    menu: 'صف ارسال پیام‌ها',
    title: 'صف ارسال پیام‌ها',
    title_en: 'Notice outbox',
    intro: 'هر رویداد یک پیام است و هر پیام یک ارسال در هر مجرا: کارپوشه پورتال، پیامک از سرشماره ۴۰۴۰ و رایانامه. ارسال ناموفق پس از چند تلاش با فاصله فزاینده «ناموفق» می‌ماند تا دوباره بفرستید.',
    filters: { event: 'رویداد', channel: 'مجرا', state: 'وضعیت', q: 'کد رهگیری یا شماره گواهی', all: 'همه' },
    columns: { createdAt: 'زمان', event: 'رویداد', tracking: 'پرونده', user: 'گیرنده', channel: 'مجرا', recipient: 'نشانی', state: 'وضعیت', attempts: 'تلاش', error: 'آخرین خطا', actions: '' },
    channel: { inbox: 'کارپوشه', sms: 'پیامک ۴۰۴۰', email: 'رایانامه' },
    state: { pending: 'در صف', sent: 'ارسال شد', failed: 'ناموفق', skipped: 'بدون نشانی' },
    event: {
      received: 'دریافت درخواست', 'fix-requested': 'بازگشت برای اصلاح', approved: 'تأیید', 'approved-partly': 'تأیید بخشی', rejected: 'رد', lapsed: 'مختومه',
      'certificate-issued': 'صدور گواهی', 'certificate-expiring': 'یادآوری تمدید', 'certificate-suspended': 'تعلیق گواهی', 'certificate-reinstated': 'رفع تعلیق', 'certificate-revoked': 'ابطال گواهی',
      renewed: 'تمدید', 'renewal-refused': 'نپذیرفتن تمدید', 'renewal-rejected': 'رد تمدید', converted: 'تبدیل گواهی کاغذی', 'conversion-refused': 'نپذیرفتن تبدیل', 'conversion-rejected': 'رد تبدیل',
      'payment-due': 'پرداخت هزینه', 'payment-lapsed': 'مختومه شدن (پرداخت نشد)', 'payment-refunded': 'بازپرداخت هزینه',
    },
    counts: 'همه ارسال‌ها — در صف: %{pending} · ارسال‌شده: %{sent} · ناموفق: %{failed} · بدون نشانی: %{skipped}',
    retry: 'ارسال دوباره',
    retried: 'ارسال دوباره در صف قرار گرفت.',
    details: 'جزئیات',
    hide: 'بستن',
    detail: { error: 'آخرین خطا', eventKey: 'کلید رویداد', externalId: 'شناسه ارسال', nextAttempt: 'تلاش بعدی', sentAt: 'زمان ارسال', subject: 'عنوان', sms: 'متن پیامک', body: 'متن' },
    empty: 'ارسالی با این فیلترها نیست.',
    empty_hint: 'فیلترها را بردارید، یا صبر کنید تا رویدادی (ثبت درخواست، تصمیم، صدور گواهی) پیامی بفرستد.',
    limited: 'تنها %{limit} ارسال تازه‌تر نشان داده شده است؛ با فیلترها دقیق‌تر جست‌وجو کنید.',
  },
};

export const en: Messages = {
  outbox: {
    menu: 'Notice outbox',
    title: 'Notice outbox',
    title_en: 'صف ارسال پیام‌ها',
    intro: 'Each event is one notice, and each notice one delivery per channel: the portal inbox, SMS from the 4040 short code, and e-mail. A delivery that keeps failing is retried with growing waits, then stays failed until you send it again.',
    filters: { event: 'Event', channel: 'Channel', state: 'State', q: 'Tracking or certificate number', all: 'All' },
    columns: { createdAt: 'Time', event: 'Event', tracking: 'Application', user: 'To', channel: 'Channel', recipient: 'Address', state: 'State', attempts: 'Attempts', error: 'Last error', actions: '' },
    channel: { inbox: 'Portal inbox', sms: 'SMS 4040', email: 'E-mail' },
    state: { pending: 'Queued', sent: 'Sent', failed: 'Failed', skipped: 'No address' },
    event: {
      received: 'Received', 'fix-requested': 'Sent back for fixes', approved: 'Approved', 'approved-partly': 'Approved in part', rejected: 'Rejected', lapsed: 'Lapsed',
      'certificate-issued': 'Certificate issued', 'certificate-expiring': 'Renewal reminder', 'certificate-suspended': 'Certificate suspended', 'certificate-reinstated': 'Certificate reinstated', 'certificate-revoked': 'Certificate revoked',
      renewed: 'Renewed', 'renewal-refused': 'Renewal not accepted', 'renewal-rejected': 'Renewal rejected', converted: 'Paper certificate converted', 'conversion-refused': 'Conversion not accepted', 'conversion-rejected': 'Conversion rejected',
      'payment-due': 'Fee due', 'payment-lapsed': 'Lapsed unpaid', 'payment-refunded': 'Fee refunded',
    },
    counts: 'All deliveries — queued: %{pending} · sent: %{sent} · failed: %{failed} · no address: %{skipped}',
    retry: 'Send again',
    retried: 'The delivery is queued again.',
    details: 'Details',
    hide: 'Close',
    detail: { error: 'Last error', eventKey: 'Event key', externalId: 'Delivery id', nextAttempt: 'Next attempt', sentAt: 'Sent at', subject: 'Subject', sms: 'SMS text', body: 'Text' },
    empty: 'No deliveries match these filters.',
    empty_hint: 'Clear the filters, or wait for an event (an application received, a decision, a certificate issued) to send a notice.',
    limited: 'Only the newest %{limit} deliveries are shown; narrow the filters.',
  },
};
