/**
 * The pure parts of the outbox: a family's override of a notice's texts (and only of the texts it
 * names), every event's texts complete in both languages with a short SMS, sums of money written as
 * each language writes them, and the back-off that
 * doubles up to its cap.
 */
import fs from 'node:fs';
import { backoffMs } from './dispatcher';
import { TEMPLATES_FILE, formatAmount, renderNotice } from './templates';

describe('notice templates', () => {
  it('uses a family\'s override where it has one and the default elsewhere', () => {
    const values = { certificateNumber: 'AL-1405-000001-7', expiresOnFa: '۱۴۰۵/۱۰/۰۱', expiresOnEn: '2026-12-22', link: 'https://portal.example/x' };
    const afta = renderNotice('certificate-expiring', 'afta-services-license', values)!;
    const software = renderNotice('certificate-expiring', 'software-technical-approval', values)!;
    expect(afta.bodyFa).toContain('پروانه');
    expect(software.bodyFa).not.toContain('پروانه');
    // the override names no English subject: the default's stays
    expect(afta.subjectEn).toBe(software.subjectEn);
    expect(afta.sms).toContain('AL-1405-000001-7');
  });

  it('gives every event a subject and body in both languages and a short Persian SMS', () => {
    const all = JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const event of Object.keys(all)) {
      const t = renderNotice(event, null, {})!;
      for (const k of ['subjectFa', 'subjectEn', 'bodyFa', 'bodyEn', 'sms'] as const) expect([event, k, t[k].length > 0]).toEqual([event, k, true]);
      expect([event, /[\u0600-\u06FF]/.test(t.sms)]).toEqual([event, true]);
      // one SMS part of Persian (UCS-2) text is 70 characters; up to three parts, before the link
      expect([event, t.sms.replace(/\{link\}|—/g, '').length <= 210]).toEqual([event, true]);
    }
  });

  it('quotes hostile text plainly: no control or bidi override characters, no lone surrogates', () => {
    const t = renderNotice('fix-requested', null, { trackingNumber: 'TA-1', formalComment: 'a\u202eb\u0007c\ud800d\n\ud83d\ude00' })!;
    expect(t.bodyEn).toContain('abc\ufffdd\n\ud83d\ude00');
  });

  it('writes a sum of money in groups of three: Persian digits and separator in Persian texts, commas in English', () => {
    const t = renderNotice('payment-due', 'software-technical-approval', { trackingNumber: 'TA-1', feeAmount: 25000000 })!;
    expect(t.bodyFa).toContain('۲۵٬۰۰۰٬۰۰۰ ریال');
    expect(t.sms).toContain('۲۵٬۰۰۰٬۰۰۰ ریال');
    expect(t.bodyEn).toContain('25,000,000 rials');
    expect(formatAmount(999, 'fa')).toBe('۹۹۹');
    expect(formatAmount(1000, 'en')).toBe('1,000');
  });

  it('answers nothing for an unknown event', () => {
    expect(renderNotice('no-such-event', null, {})).toBeUndefined();
  });
});

describe('back-off', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000]);
  });
});
