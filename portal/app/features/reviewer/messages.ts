/** The reviewer pages' words: Persian first, English complete. Headings keep both (`x` and `x_en`). */
import type { Messages } from '../types';

export const fa: Messages = {
  resources: { tasks: { name: 'کار |||| کارها' } },
  reviewer: {
    menu: { tasks: 'کارهای من', badge: '%{count} کار باز' },
    groups: { organisation: 'سازمان شما', personal: 'فقط برای شما' },
    fields: {
      trackingNumber: 'شماره پیگیری', task: 'مرحله', family: 'فرایند', company: 'شرکت', queue: 'صف', holder: 'در دست', createdAt: 'ایجاد', dueDate: 'مهلت', actions: 'اقدام',
    },
    list: {
      title: 'کارهای من', title_en: 'My tasks',
      search: 'شماره پیگیری یا نام شرکت', family: 'فرایند', holder: 'در دست چه کسی', due: 'مهلت',
      assignee_me: 'برداشته‌شده توسط من', assignee_none: 'برداشته‌نشده',
      due_overdue: 'گذشته از مهلت', due_soon: 'مهلت تا دو روز آینده',
      open: 'باز کردن کار پرونده %{tracking}',
      empty: 'کاری در صف‌های شما نیست.', empty_hint: 'کار تازه‌ای که به گروه‌های شما سپرده شود این‌جا می‌آید؛ این فهرست خودش تازه می‌شود.',
      empty_filtered: 'کاری با این پالایه‌ها پیدا نشد.', empty_filtered_hint: 'پالایه‌ها را کم کنید یا «همه صف‌های من» را بزنید.',
    },
    queues: { title: 'صف‌ها', title_en: 'Queues', all: 'همه صف‌های من', detail: '%{unassigned} برداشته‌نشده · %{overdue} گذشته از مهلت', open: '%{count} کار باز', fallback: 'کارهایی که مدل فرایندشان کسی را نام نبرده است' },
    due: { none: 'بی‌مهلت', overdue: 'گذشته از مهلت', soon: 'نزدیک مهلت' },
    holder: { nobody: 'هنوز کسی برنداشته', me: 'من' },
    claim: {
      claim: 'برداشتن', unclaim: 'واگذاشتن', claim_label: 'برداشتن: کار پرونده %{tracking}', unclaim_label: 'واگذاشتن: کار پرونده %{tracking} به صف گروه برمی‌گردد',
      claimed: 'کار پرونده %{tracking} را برداشتید؛ دیگران گروه آن را در دست شما می‌بینند.', unclaimed: 'کار پرونده %{tracking} به صف گروه برگشت.',
    },
    task: {
      title: 'کار', breadcrumb: 'مسیر', back: 'بازگشت به کارهای من',
      decision: 'تصمیم', decision_en: 'Decision',
      submitted: 'آنچه درخواست شده است', submitted_en: 'What was applied for',
      documents: 'مدارک پرونده', documents_en: 'Documents',
      earlier: 'تصمیم‌های پیشین', earlier_en: 'Earlier decisions',
      no_earlier: 'هنوز مرحله‌ای از این پرونده انجام نشده است.',
      submit: 'ثبت تصمیم',
      done: 'تصمیم پرونده %{tracking} ثبت شد.',
      claim_hint: 'این کار هنوز در صف گروه است. پیش از بررسی آن را بردارید تا همکاران هم‌زمان روی آن کار نکنند.',
      held_by: 'این کار در دست %{user} است.',
      completed_by: 'این کار را %{user} انجام داده است.',
      closed: 'این کار بسته شده است.',
      no_form: 'این مرحله فرمی ندارد؛ پس از انجام کار آن را تکمیل کنید.',
    },
    ruling: {
      ruled: 'درخواستی که درباره‌اش تصمیم می‌گیرید', deadline: 'پایان مهلت قانونی',
      'legal-deadline': {
        title: 'ارجاع پس از پایان مهلت قانونی',
        reason: 'مهلت قانونی تصمیم درباره این درخواست به پایان رسید و واحد بررسی‌کننده تصمیمی نگرفت؛ قاعده این فرایند ارجاع به رئیس واحد است. آنچه درخواست شده و مراحل پیشین آن در همین صفحه است.',
        unit: 'واحد بررسی‌کننده',
      },
      appeal: {
        title: 'اعتراض به رد درخواست',
        reason: 'متقاضی به رد این درخواست اعتراض کرده است. آنچه درخواست شده و تصمیم‌های پیشین آن در همین صفحه است.',
        unit: 'واحد ردکننده',
      },
    },
    documents: { none: 'مدرکی پیوست نشده است.', download: 'دریافت %{name}', download_short: 'دریافت', attachment: 'پیوست کار' },
    notes: {
      title: 'یادداشت‌ها و پیوست‌ها', title_en: 'Comments and files',
      no_comments: 'یادداشتی نیست.', comment: 'یادداشت تازه', comment_hint: 'همکارانی که این کار را می‌بینند آن را می‌خوانند؛ متقاضی نمی‌بیند.',
      add_comment: 'افزودن یادداشت', comment_added: 'یادداشت افزوده شد.',
      files: 'پرونده‌های پیوست کار', no_files: 'پیوستی نیست.', attach: 'پیوست PDF، PNG یا JPEG', file_added: '%{name} پیوست شد.',
      too_big: '%{name} بزرگ‌تر از ۱۰ مگابایت است.',
      wrong_type: '%{name} پیوست نشد: فقط PDF، PNG یا JPEG پذیرفته می‌شود (نوع فایل از محتوای آن خوانده می‌شود، نه از نامش).',
    },
    home: { title: 'کارهای من', title_en: 'My tasks', open: 'کارهای باز در صف‌های من', overdue: 'گذشته از مهلت' },
  },
};

export const en: Messages = {
  resources: { tasks: { name: 'Task |||| Tasks' } },
  reviewer: {
    menu: { tasks: 'My tasks', badge: '%{count} open tasks' },
    groups: { organisation: 'Your organisation', personal: 'Only for you' },
    fields: {
      trackingNumber: 'Tracking number', task: 'Step', family: 'Process', company: 'Company', queue: 'Queue', holder: 'Held by', createdAt: 'Created', dueDate: 'Due', actions: 'Action',
    },
    list: {
      title: 'My tasks', title_en: 'کارهای من',
      search: 'Tracking number or company name', family: 'Process', holder: 'Held by', due: 'Due',
      assignee_me: 'Claimed by me', assignee_none: 'Not claimed',
      due_overdue: 'Overdue', due_soon: 'Due within two days',
      open: 'Open the task of %{tracking}',
      empty: 'No tasks in your queues.', empty_hint: 'New work offered to your groups appears here; the list refreshes itself.',
      empty_filtered: 'No task matches these filters.', empty_filtered_hint: 'Remove a filter or choose "All my queues".',
    },
    queues: { title: 'Queues', title_en: 'صف‌ها', all: 'All my queues', detail: '%{unassigned} not claimed · %{overdue} overdue', open: '%{count} open tasks', fallback: 'Tasks whose process model names nobody' },
    due: { none: 'No due date', overdue: 'Overdue', soon: 'Due soon' },
    holder: { nobody: 'Not claimed yet', me: 'Me' },
    claim: {
      claim: 'Claim', unclaim: 'Give back', claim_label: 'Claim: the task of %{tracking}', unclaim_label: 'Give back: the task of %{tracking} returns to the group',
      claimed: 'You claimed the task of %{tracking}; your group sees it is yours.', unclaimed: 'The task of %{tracking} is back in the group\'s queue.',
    },
    task: {
      title: 'Task', breadcrumb: 'Path', back: 'Back to my tasks',
      decision: 'Decision', decision_en: 'تصمیم',
      submitted: 'What was applied for', submitted_en: 'آنچه درخواست شده است',
      documents: 'Documents', documents_en: 'مدارک پرونده',
      earlier: 'Earlier decisions', earlier_en: 'تصمیم‌های پیشین',
      no_earlier: 'No step of this application is finished yet.',
      submit: 'Record the decision',
      done: 'The decision on %{tracking} is recorded.',
      claim_hint: 'This task is still in the group\'s queue. Claim it before you review it so colleagues do not work on it at the same time.',
      held_by: 'This task is held by %{user}.',
      completed_by: 'This task was completed by %{user}.',
      closed: 'This task is closed.',
      no_form: 'This step has no form: complete it once the work is done.',
    },
    ruling: {
      ruled: 'The application you decide on', deadline: 'Legal deadline ended',
      'legal-deadline': {
        title: 'Escalated after the legal deadline',
        reason: 'The legal time to decide on this application ran out with no decision by the reviewing unit; this process escalates it to the head of the unit. What was applied for and its earlier steps are on this page.',
        unit: 'Reviewing unit',
      },
      appeal: {
        title: 'Appeal against a rejection',
        reason: 'The applicant appealed the rejection of this application. What was applied for and its earlier decisions are on this page.',
        unit: 'Rejecting unit',
      },
    },
    documents: { none: 'No documents attached.', download: 'Download %{name}', download_short: 'Download', attachment: 'Task attachment' },
    notes: {
      title: 'Comments and files', title_en: 'یادداشت‌ها و پیوست‌ها',
      no_comments: 'No comments.', comment: 'New comment', comment_hint: 'Colleagues who see this task read it; the applicant does not.',
      add_comment: 'Add comment', comment_added: 'Comment added.',
      files: 'Files attached to the task', no_files: 'No files.', attach: 'Attach a PDF, PNG or JPEG', file_added: '%{name} attached.',
      too_big: '%{name} is larger than 10 MB.',
      wrong_type: '%{name} was not attached: only a PDF, PNG or JPEG is accepted (the type is read from the content, not the name).',
    },
    home: { title: 'My tasks', title_en: 'کارهای من', open: 'Open tasks in my queues', overdue: 'Overdue' },
  },
};
