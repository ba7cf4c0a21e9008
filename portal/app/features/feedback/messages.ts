/** The words of satisfaction, questions/complaints and counter-office agents, Persian first. */
import type { Messages } from '../types';

export const fa = {
  feedback: {
    menu: { contact: 'پرسش، انتقاد، پیشنهاد و شکایت', mine: 'پیام‌های من', admin: 'پیام‌های مردم', satisfaction: 'رضایت‌سنجی', agents: 'دفاتر پیشخوان', agents_admin: 'مجوزهای دفاتر پیشخوان' },
    kinds: { question: 'پرسش', criticism: 'انتقاد', suggestion: 'پیشنهاد', complaint: 'شکایت' },
    states: { received: 'دریافت شد', answered: 'پاسخ داده شد', closed: 'بسته شد' },
    contact: {
      title: 'پرسش، انتقاد، پیشنهاد و شکایت',
      intro: 'پیام خود را درباره یکی از خدمات یا یکی از درخواست‌هایتان بنویسید. شماره پیگیری می‌گیرید و پاسخ سازمان را با همان شماره می‌بینید.',
      kind: 'نوع پیام', service: 'خدمت (اختیاری)', no_service: 'هیچ خدمت خاصی', application: 'کد رهگیری درخواست (اختیاری)',
      application_hint: 'شکایت از تأخیر درخواستی که از موعد تصمیم گذشته است، نشان‌دار می‌شود.',
      text: 'متن پیام', name: 'نام و نام خانوادگی', contact: 'تلفن همراه یا رایانامه', send: 'ارسال پیام',
      signed_in: 'پیام با حساب کاربری شما ثبت می‌شود و پاسخ را در «پیام‌های من» و صندوق پیام می‌بینید.',
      filed: 'پیام شما ثبت شد. شماره پیگیری: %{number}',
      keep_code: 'کد پیگیری شما: %{code} — این کد را نگه دارید؛ پاسخ را فقط با شماره پیگیری و همین کد می‌توانید ببینید.',
      lookup_title: 'پیگیری پیام', lookup_intro: 'شماره پیگیری و کد پیگیری را وارد کنید.', number: 'شماره پیگیری', code: 'کد پیگیری', lookup: 'نمایش وضعیت',
      not_found: 'پیامی با این شماره و کد پیدا نشد. هر دو را دوباره بررسی کنید.',
    },
    message: { state: 'وضعیت', answer: 'پاسخ', no_answer: 'هنوز پاسخی داده نشده است.', filed_at: 'تاریخ ثبت', answered_at: 'تاریخ پاسخ', about: 'درباره', delay: 'شکایت از تأخیر؛ موعد تصمیم گذشته بود:' },
    mine: { title: 'پیام‌های من', empty: 'هنوز پیامی نفرستاده‌اید.', empty_hint: 'برای پرسش، انتقاد، پیشنهاد یا شکایت یک پیام بفرستید.', new: 'پیام تازه' },
    admin: {
      title: 'پیام‌های مردم', all: 'همه', flagged: 'فقط شکایت‌های تأخیر', empty: 'پیامی با این پالایه‌ها نیست.', empty_hint: 'پالایه‌ها را تغییر دهید.',
      sender: 'فرستنده', answer: 'پاسخ', answer_label: 'متن پاسخ', send: 'ثبت پاسخ', close_too: 'پیام را هم ببند', close: 'بستن پیام', answered: 'پاسخ ثبت شد.', closed: 'پیام بسته شد.',
    },
    satisfaction: {
      title: 'نظر شما درباره این خدمت', prompt: 'درخواست شما نتیجه گرفته است. از ۱ (بسیار ناراضی) تا ۵ (بسیار راضی) چقدر از این خدمت راضی بودید؟',
      comment: 'توضیح (اختیاری)', send: 'ثبت نظر', thanks: 'سپاس از نظر شما: %{rating} از ۵', rating: 'امتیاز',
    },
    report: {
      title: 'رضایت‌سنجی متقاضیان', intro: 'امتیاز متقاضیان به تصمیم‌های سال انتخاب‌شده، به تفکیک شناسه خدمت.', year: 'سال', service: 'خدمت', count: 'تعداد', mean: 'میانگین', distribution: 'توزیع ۱ تا ۵', total: 'همه خدمات', empty: 'در این سال امتیازی ثبت نشده است.', empty_hint: 'متقاضیان پس از تصمیم نظر می‌دهند.',
    },
    agents: {
      title: 'دفاتر پیشخوان خدمات دولت',
      intro_company: 'دفتر پیشخوانی را که با آن قرارداد دارید مجاز کنید تا از طرف شرکت درخواست ثبت و پیگیری کند. هر اقدام دفتر با شماره قرارداد در تاریخچه درخواست ثبت می‌شود.',
      intro_agent: 'شرکت‌هایی که دفتر شما را مجاز کرده‌اند. هنگام ثبت درخواست، شرکت را انتخاب کنید.',
      office: 'دفتر پیشخوان', company: 'شرکت', contract: 'شماره قرارداد', valid_to: 'اعتبار تا', valid_from: 'اعتبار از', state: 'وضعیت', in_force: 'معتبر', ended: 'پایان‌یافته یا لغوشده', office_inactive: 'دفتر غیرفعال است', office_inactive_notice: 'مدیر سامانه این دفتر پیشخوان را غیرفعال کرده است: تا فعال شدن دوباره، به نام هیچ شرکتی نمی‌توانید کار کنید.',
      grant: 'مجاز کردن دفتر', revoke: 'لغو', revoked: 'مجوز دفتر لغو شد.', granted: 'دفتر پیشخوان مجاز شد.', empty: 'هنوز هیچ دفتر پیشخوانی مجاز نشده است.', empty_agent: 'هیچ شرکتی دفتر شما را مجاز نکرده است.',
      acting_for: 'ثبت از طرف شرکت', choose_company: 'شرکتی را که از طرف آن درخواست می‌دهید انتخاب کنید.', by_agent: '%{office} — قرارداد %{contract}',
    },
  },
};

export const en: Messages = {
  feedback: {
    menu: { contact: 'Questions, criticism, suggestions and complaints', mine: 'My messages', admin: 'Messages from the public', satisfaction: 'Satisfaction', agents: 'Counter offices', agents_admin: 'Counter-office authorisations' },
    kinds: { question: 'Question', criticism: 'Criticism', suggestion: 'Suggestion', complaint: 'Complaint' },
    states: { received: 'Received', answered: 'Answered', closed: 'Closed' },
    contact: {
      title: 'Questions, criticism, suggestions and complaints',
      intro: 'Write about one of the services or one of your applications. You get a tracking number and see the answer with it.',
      kind: 'Kind of message', service: 'Service (optional)', no_service: 'No particular service', application: 'Application tracking number (optional)',
      application_hint: 'A complaint about an application past its expected decision date is flagged as a delay.',
      text: 'Your message', name: 'Full name', contact: 'Mobile number or e-mail', send: 'Send',
      signed_in: 'The message is filed under your account; see the answer in “My messages” and your inbox.',
      filed: 'Your message is filed. Tracking number: %{number}',
      keep_code: 'Your follow-up code: %{code} — keep it: the answer is shown only for the tracking number with this code.',
      lookup_title: 'Follow a message', lookup_intro: 'Enter the tracking number and the follow-up code.', number: 'Tracking number', code: 'Follow-up code', lookup: 'Show',
      not_found: 'No message with this number and code. Check both.',
    },
    message: { state: 'State', answer: 'Answer', no_answer: 'Not answered yet.', filed_at: 'Filed', answered_at: 'Answered', about: 'About', delay: 'Delay complaint; the decision was due' },
    mine: { title: 'My messages', empty: 'You have sent no messages yet.', empty_hint: 'Send a question, criticism, suggestion or complaint.', new: 'New message' },
    admin: {
      title: 'Messages from the public', all: 'All', flagged: 'Delay complaints only', empty: 'No messages match these filters.', empty_hint: 'Change the filters.',
      sender: 'Sender', answer: 'Answer', answer_label: 'Answer text', send: 'Send answer', close_too: 'Also close the message', close: 'Close', answered: 'Answer saved.', closed: 'Message closed.',
    },
    satisfaction: {
      title: 'How was this service?', prompt: 'Your application has been decided. From 1 (very unsatisfied) to 5 (very satisfied), how satisfied were you with this service?',
      comment: 'Comment (optional)', send: 'Send rating', thanks: 'Thank you for your rating: %{rating} of 5', rating: 'Rating',
    },
    report: {
      title: 'Applicant satisfaction', intro: 'Applicants’ ratings of the decisions of the chosen year, per service ID.', year: 'Year', service: 'Service', count: 'Ratings', mean: 'Mean', distribution: 'Distribution 1–5', total: 'All services', empty: 'No ratings in this year.', empty_hint: 'Applicants rate after a decision.',
    },
    agents: {
      title: 'Government services counter offices',
      intro_company: 'Authorise the counter office you have a contract with to apply and follow up for your company. Every step it takes is recorded in the application’s history with the contract number.',
      intro_agent: 'The companies that authorised your office. Choose the company when you apply.',
      office: 'Counter office', company: 'Company', contract: 'Contract number', valid_to: 'Valid until', valid_from: 'Valid from', state: 'State', in_force: 'In force', ended: 'Ended or revoked', office_inactive: 'Office deactivated', office_inactive_notice: 'An administrator has deactivated this counter office: until it is reactivated you cannot act for any company.',
      grant: 'Authorise office', revoke: 'Revoke', revoked: 'The office’s authorisation is revoked.', granted: 'The counter office is authorised.', empty: 'No counter office is authorised yet.', empty_agent: 'No company has authorised your office.',
      acting_for: 'Apply for company', choose_company: 'Choose the company you apply for.', by_agent: '%{office} — contract %{contract}',
    },
  },
};

export const feedbackMessages = { fa: fa as Messages, en };
