/** The simulator's pages: Persian first, English beside it; plain HTML, no script. */
import type { GatewayStatus } from '../../activities/payments/gateway';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const both = (fa: string, en: string) => `<bdi>${fa}</bdi> <span class="en"><bdi dir="ltr">${en}</bdi></span>`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:Vazirmatn,Tahoma,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b2a3a}
.card{border:1px solid #c8d2dc;border-radius:8px;padding:1.5rem}.en{color:#4a5a6a;margin-inline-start:.5em}
button{font:inherit;padding:.6rem 1.4rem;margin:.3rem;border-radius:6px;border:1px solid #8898a8;cursor:pointer}
.pay{background:#1f6f43;color:#fff}.fail{background:#fff;color:#9a1c1c}small{color:#6a7a8a}</style></head>
<body><div class="card">${body}</div></body></html>`;
}

export function payPage(order: { token: string; orderId: string; amount: number; description: string }): string {
  return layout('درگاه پرداخت آزمایشی — Payment gateway simulator', `
<h1>درگاه پرداخت آزمایشی</h1><p class="en">Payment gateway simulator</p>
<p>${both(`شماره سفارش: ${escape(order.orderId)}`, `Order: ${escape(order.orderId)}`)}</p>
<p dir="ltr" class="en">${escape(order.description)}</p>
<p id="amount">${both(`مبلغ: <strong>${order.amount.toLocaleString('fa-IR')} ریال</strong>`, `Amount: <strong>${order.amount.toLocaleString('en-US')} IRR</strong>`)}</p>
<form method="post" action="/pay/${order.token}">
<p><label><input type="checkbox" name="dropCallback"> ${both('برگشت به پذیرنده گم شود (آزمون)', 'Drop the callback (testing)')}</label></p>
<button class="pay" name="outcome" value="paid" id="pay">${both('پرداخت', 'Pay')}</button>
<button class="fail" name="outcome" value="failed" id="fail">${both('انصراف یا خطا', 'Cancel or fail')}</button>
</form><p><small>${both('هیچ پولی جابه‌جا نمی‌شود.', 'No money moves.')}</small></p>`);
}

export function donePage(status: GatewayStatus | 'unknown'): string {
  const text = status === 'paid' ? 'این سفارش پرداخت شده است. / This order is paid.'
    : status === 'failed' ? 'این سفارش ناموفق بوده است. / This order failed.'
    : 'سفارشی با این نشانی نیست. / No order at this address.';
  return layout('درگاه پرداخت آزمایشی — Payment gateway simulator', `<p>${text}</p>`);
}
