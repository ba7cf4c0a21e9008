import crypto from 'node:crypto';
import { canonicalJson, recordCanonicalJson, recordSha256, shortRecordHash } from './record-hash';

const record = {
  number: 'AL-1405-000123-C',
  family: 'afta-security-services-licence',
  holder: { name: 'شرکت داده‌پردازان سپهر (سهامی خاص)', nationalId: '10320456789' },
  subject: { activityCategories: ['security-testing', 'hardening'] },
  issuedAt: new Date('2026-11-23T09:00:00Z'),
  expiresAt: new Date('2027-11-22T09:00:00Z'),
};

describe('certificates - the record hash printed on a certificate', () => {
  it('serialises RFC 8785 style: keys sorted at every level, no whitespace, lists in order, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: 'y' }, 'z'], e: undefined, f: null, g: 'ی\n"' })).toBe('{"a":[{"c":"y","d":"x"},"z"],"b":1,"f":null,"g":"ی\\n\\""}');
    expect(() => canonicalJson({ n: 1.5 })).toThrow(/integers/);
  });

  it('is the SHA-256 of the canonical public-record fields, whoever recomputes it from the JSON record', () => {
    const canonical = recordCanonicalJson(record);
    expect(canonical).toBe(
      '{"expiresAt":"2027-11-22T09:00:00.000Z","family":"afta-security-services-licence","holder":{"name":"شرکت داده‌پردازان سپهر (سهامی خاص)","nationalId":"10320456789"},"issuedAt":"2026-11-23T09:00:00.000Z","number":"AL-1405-000123-C","subject":{"activityCategories":["security-testing","hardening"]}}',
    );
    const hash = recordSha256(record);
    expect(hash).toBe(crypto.createHash('sha256').update(canonical, 'utf8').digest('hex'));
    // the public record gives dates as ISO strings: the same hash
    const fromJson = JSON.parse(JSON.stringify(record));
    expect(recordSha256(fromJson)).toBe(hash);
    expect(shortRecordHash(hash)).toBe(hash.slice(0, 16));
    expect(shortRecordHash(hash)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with anything the certificate states', () => {
    const hash = recordSha256(record);
    for (const changed of [
      { ...record, number: 'AL-1405-000124-1' },
      { ...record, holder: { ...record.holder, nationalId: '10320456788' } },
      { ...record, subject: { activityCategories: ['security-testing'] } },
      { ...record, expiresAt: new Date('2028-11-22T09:00:00Z') },
      { ...record, family: 'afta-product-security-certificate' },
    ]) {
      expect(recordSha256(changed)).not.toBe(hash);
    }
  });
});
