/** The per-family service data files are complete and typed, and the fee follows the categories applied for. */
import { allServiceData, checkServiceData, feeFor, serviceData } from './services';

describe('per-family service data (definitions/services/)', () => {
  it('every file passes its checks and names its own process', () => {
    const all = allServiceData();
    expect(all.map((s) => s.processKey)).toEqual(expect.arrayContaining(['software-technical-approval', 'afta-services-license', 'datacentre-grading']));
    expect(new Set(all.map((s) => s.serviceId)).size).toBe(all.length);
  });

  it('a file missing its legal time is refused with the section named', () => {
    const broken = { ...serviceData('software-technical-approval'), legal: { calendar: 'iran' } };
    expect(() => checkServiceData(broken, '/x/software-technical-approval.json')).toThrow(/"legal" needs maxWorkingDays/);
  });

  it('a fee without its rule for a lapse before review is refused, naming the rule', () => {
    const service = serviceData('datacentre-grading')!;
    const { refundOnLapseBeforeReview: _dropped, ...fee } = service.fee;
    expect(() => checkServiceData({ ...service, fee }, '/x/datacentre-grading.json')).toThrow(/refundOnLapseBeforeReview/);
    expect(() => checkServiceData({ ...service, fee: { ...fee, refundOnLapseBeforeReview: 'yes' } }, '/x/datacentre-grading.json')).toThrow(/refundOnLapseBeforeReview/);
  });

  it('a process that is not a service has no data, and a hostile key reads nothing', () => {
    expect(serviceData('certificate-renewal')).toBeUndefined();
    expect(serviceData('../groups')).toBeUndefined();
  });

  it('the AFTA fee is the sum of the categories applied for', () => {
    const afta = serviceData('afta-services-license')!;
    expect(feeFor(afta, { activityCategories: ['security-testing', 'security-training'] })).toBe(45_000_000);
    expect(feeFor(serviceData('software-technical-approval')!, {})).toBe(25_000_000);
  });
});
