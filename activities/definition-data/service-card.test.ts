/** Every family's service identity card is complete, and an incomplete one is named field by field. */
import { allServiceData, checkServiceData, serviceData } from './services';
import { describeMissing, missingCardFields } from './service-card';

describe('service identity cards (definitions/services/ card and permit)', () => {
  it('every family\'s card and permit record is complete', () => {
    for (const s of allServiceData()) expect([s.processKey, missingCardFields(s)]).toEqual([s.processKey, []]);
  });

  it('names each missing, empty or unknown field, and each inquiry without its agency', () => {
    const ta = serviceData('software-technical-approval')!;
    const card = { ...(ta.card as object), recipients: { fa: ' ', en: 'x' }, level: 'galactic', channels: { information: ['web'] } };
    const broken = { ...ta, card, permit: { ...(ta.permit as object), inquiredAgencies: {} }, inquiries: ['company-registry', 'national-identity'] };
    expect(missingCardFields(broken).map((m) => m.path)).toEqual([
      'card.recipients', 'card.level', 'card.channels', 'permit.inquiredAgencies.company-registry', 'permit.inquiredAgencies.national-identity',
    ]);
    const text = describeMissing(missingCardFields(broken));
    expect(text.fa).toContain('خدمت‌گیرندگان');
    expect(text.en).toContain('Recipients (card.recipients)');
  });

  it('a service without any card lacks every field; a card that is not an object is refused on reading', () => {
    const { card: _card, permit: _permit, ...bare } = serviceData('datacentre-grading')!;
    expect(missingCardFields({ ...bare, card: undefined, permit: undefined }).length).toBe(15 + 5 + bare.inquiries.length);
    expect(() => checkServiceData({ ...bare, card: 'complete' }, '/x/datacentre-grading.json')).toThrow(/"card" must be an object/);
  });

  it('in-person visits need their reasons', () => {
    const ta = serviceData('software-technical-approval')!;
    const card = { ...(ta.card as object), inPersonVisits: { count: 1, reasons: [] } };
    expect(missingCardFields({ ...ta, card }).map((m) => m.path)).toEqual(['card.inPersonVisits']);
  });
});
