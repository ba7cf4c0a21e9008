/** Fees and payments in Persian (default) and English. */
import type { Messages } from '../types';

export const fa: Messages = {
  resources: { payments: { name: 'پرداخت |||| پرداخت‌ها' } },
  payments: {
    menu: 'پرداخت‌ها',
    rials: '%{amount} ریال',
    state: { requested: 'در انتظار پرداخت', pending: 'در حال پرداخت', paid: 'پرداخت‌شده', failed: 'ناموفق', cancelled: 'لغوشده', refunded: 'بازپرداخت‌شده' },
    fields: { trackingNumber: 'کد رهگیری', amount: 'مبلغ', state: 'وضعیت', reference: 'کد پیگیری درگاه', attempts: 'تلاش‌ها', createdAt: 'تاریخ صورتحساب', paidAt: 'تاریخ پرداخت' },
    fee: {
      title: 'هزینه خدمت',
      title_en: 'Fee',
      pay: 'پرداخت الکترونیکی',
      pay_again: 'پرداخت دوباره',
      reference: 'کد پیگیری درگاه',
      paid_at: 'زمان پرداخت',
      refund_reference: 'کد پیگیری بازپرداخت',
      refunded_at: 'زمان بازپرداخت',
      failed: 'پرداخت انجام نشد؛ مبلغی کسر نشده است یا طبق قواعد بانک بازمی‌گردد. می‌توانید دوباره بپردازید.',
      returned_paid: 'از درگاه پرداخت بازگشتید. پرداخت ثبت شد و گواهی صادر می‌شود.',
      returned_paid_before_review: 'از درگاه پرداخت بازگشتید. پرداخت ثبت شد و بررسی درخواست آغاز می‌شود.',
      returned_failed: 'از درگاه پرداخت بازگشتید. پرداخت انجام نشد.',
      hint: {
        requested: 'درخواست شما تأیید شده است. برای صدور گواهی، هزینه را بپردازید.',
        pending: 'پرداخت در درگاه آغاز شده است. اگر پرداخت کرده‌اید، نتیجه به‌زودی ثبت می‌شود؛ اگر نه، دوباره بپردازید.',
        paid: 'هزینه پرداخت شد. رسید در مدارک پرونده است.',
        failed: '',
        cancelled: 'این هزینه با پایان پرونده لغو شد و دیگر پرداختنی نیست.',
        refunded: 'این هزینه طبق قواعد خدمت بازپرداخت شد.',
      },
      /** A fee asked for before review (stage before-review): what differs from the hints above. */
      hint_before_review: {
        requested: 'بررسی درخواست شما پس از پرداخت این هزینه آغاز می‌شود. اگر درخواست پیش از آغاز بررسی رد شود، هزینه طبق قواعد خدمت بازپرداخت می‌شود.',
        paid: 'هزینه پرداخت شد و بررسی درخواست آغاز می‌شود. رسید در مدارک پرونده است.',
        refunded: 'پرونده پیش از آغاز بررسی پایان یافت و این هزینه طبق قواعد خدمت از راه درگاه بازپرداخت شد.',
      },
    },
    receipt: 'رسید پرداخت',
    list: {
      title: 'پرداخت‌ها',
      title_en: 'Payments',
      search: 'جستجوی کد رهگیری یا کد پیگیری',
      reconcile: 'تطبیق با درگاه',
      reconciled: '%{checked} سفارش باز بررسی شد؛ %{settled} مورد تسویه شد.',
      empty: 'هنوز پرداختی نیست.',
      empty_hint: 'پس از تأیید درخواستی که هزینه دارد، صورتحساب آن اینجا دیده می‌شود.',
    },
  },
};

export const en: Messages = {
  resources: { payments: { name: 'Payment |||| Payments' } },
  payments: {
    menu: 'Payments',
    rials: '%{amount} IRR',
    state: { requested: 'Due', pending: 'Being paid', paid: 'Paid', failed: 'Failed', cancelled: 'Cancelled', refunded: 'Refunded' },
    fields: { trackingNumber: 'Tracking number', amount: 'Amount', state: 'State', reference: 'Gateway reference', attempts: 'Attempts', createdAt: 'Requested', paidAt: 'Paid' },
    fee: {
      title: 'Fee',
      title_en: 'هزینه خدمت',
      pay: 'Pay online',
      pay_again: 'Pay again',
      reference: 'Gateway reference',
      paid_at: 'Paid at',
      refund_reference: 'Refund reference',
      refunded_at: 'Refunded at',
      failed: 'The payment did not go through; nothing was taken, or the bank returns it by its rules. You can pay again.',
      returned_paid: 'You are back from the payment gateway. The payment is recorded and the certificate is being issued.',
      returned_paid_before_review: 'You are back from the payment gateway. The payment is recorded and the review of your application starts.',
      returned_failed: 'You are back from the payment gateway. The payment did not go through.',
      hint: {
        requested: 'Your application is approved. Pay the fee to receive the certificate.',
        pending: 'A payment was started at the gateway. If you paid, the result is recorded shortly; if not, pay again.',
        paid: "The fee is paid. The receipt is among the application's documents.",
        failed: '',
        cancelled: 'This fee was cancelled when the application ended; it can no longer be paid.',
        refunded: "This fee was refunded under the service's rules.",
      },
      hint_before_review: {
        requested: "The review of your application starts once this fee is paid. If the application is rejected before its review starts, the fee is refunded under the service's rules.",
        paid: "The fee is paid and the review of your application starts. The receipt is among the application's documents.",
        refunded: "The application ended before its review started, and this fee was refunded through the payment gateway under the service's rules.",
      },
    },
    receipt: 'Payment receipt',
    list: {
      title: 'Payments',
      title_en: 'پرداخت‌ها',
      search: 'Search tracking number or reference',
      reconcile: 'Reconcile with the gateway',
      reconciled: '%{checked} open orders checked; %{settled} settled.',
      empty: 'No payments yet.',
      empty_hint: 'Once an application with a fee is approved, its fee shows here.',
    },
  },
};
