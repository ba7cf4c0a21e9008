/**
 * The QR code's signed payload: what the worker signs verifies offline with the family's signer
 * certificate and gives back the claims; a changed claim, another kid, another family's signer, a
 * link to somewhere else and hostile text are each refused with their own reason, and the verifier
 * never throws, whatever the text.
 */
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoPki, loadSignerCertificates, PdfSigner, Pki } from '../pki';
import { decodeBase32, encodeBase32 } from './base32';
import { CborError, decodeCbor, encodeCbor } from './cbor';
import { offlineQrText, OfflineClaims, readOfflinePayload, signOfflinePayload } from './index';
import { encodeClaims, encodeCoseSign1, encodeProtectedHeader, toBeSigned } from './payload';
import { composeQrText, splitQrText } from './qr-text';

const LINK = 'https://verify.ito.gov.ir/verify/TA-1405-000123-7';
const claims: OfflineClaims = {
  issuer: 'https://verify.ito.gov.ir',
  number: 'TA-1405-000123-7',
  familyCode: 'TA',
  holder: { name: 'شرکت داده‌پردازان سپهر (سهامی خاص)', nationalId: '10320456789' },
  issuedAt: new Date('2026-11-23T09:00:00.000Z'),
  expiresAt: new Date('2028-11-22T09:00:00.000Z'),
  recordHash: '0123456789abcdef',
};
const NOW = new Date('2027-01-01T00:00:00Z');

let dir: string;
let pki: Pki;
let ta: PdfSigner;
let sa: PdfSigner;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-offline-qr-'));
  pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase', { testOnlyKeyIterations: 1000 });
  [ta, sa] = await Promise.all([pki.signerFor('TA'), pki.signerFor('SA')]);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const read = (qrText: unknown, certs = [ta.certPem, sa.certPem]) => readOfflinePayload(qrText, certs, { now: NOW });
const kidOf = (pem: string) => crypto.createHash('sha256').update(new crypto.X509Certificate(pem).raw).digest().subarray(0, 8);

/** A COSE_Sign1 made by hand: any claims bytes, any kid, signed by any key over any (possibly other) payload. */
function handMade({ payload = encodeClaims(claims), signedPayload = payload, kid = kidOf(ta.certPem), key = ta.key }: { payload?: Uint8Array; signedPayload?: Uint8Array; kid?: Uint8Array; key?: crypto.KeyObject }): string {
  const protectedHeader = encodeProtectedHeader(kid);
  const signature = crypto.sign('sha256', toBeSigned(protectedHeader, signedPayload), key);
  return composeQrText(LINK, encodeCoseSign1(protectedHeader, payload, signature));
}

describe('offline QR payload', () => {
  it('signs the claims so that they verify offline with the family signer, and names the signer', async () => {
    const qrText = offlineQrText(LINK, claims, ta);
    expect(qrText.startsWith(`${LINK}#`)).toBe(true);
    expect(qrText.slice(LINK.length + 1)).toMatch(/^[A-Z2-7]+$/);
    const reading = await read(qrText);
    expect(reading).toEqual({
      valid: true,
      problem: null,
      claims,
      link: LINK,
      expired: false,
      signer: { kid: kidOf(ta.certPem).toString('hex'), family: 'TA', subject: expect.stringContaining('CN=ITO Demo Certificate Signer TA') },
    });
    // the payload alone (no link) verifies too; after the expiry it still verifies, marked expired
    expect((await read(qrText.slice(LINK.length + 1))).valid).toBe(true);
    expect(await readOfflinePayload(qrText, [ta.certPem], { now: new Date('2029-01-01T00:00:00Z') })).toMatchObject({ valid: true, expired: true });
  });

  it('keeps whole seconds of the dates: the payload is small', async () => {
    const reading = await read(offlineQrText(LINK, { ...claims, issuedAt: new Date('2026-11-23T09:00:00.987Z') }, ta));
    expect(reading.claims?.issuedAt.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(signOfflinePayload(claims, ta).length).toBeLessThan(450);
  });

  it('refuses a payload whose claims were changed after signing', async () => {
    const changed = encodeClaims({ ...claims, holder: { ...claims.holder, name: 'شرکت دیگر' } });
    expect(await read(handMade({ payload: changed, signedPayload: encodeClaims(claims) }))).toMatchObject({ valid: false, claims: null, problem: { code: 'bad-signature' } });
    // one flipped bit anywhere in the base32 text is caught too
    const text = offlineQrText(LINK, claims, ta);
    const at = LINK.length + 1 + 200;
    const flipped = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect((await read(flipped)).valid).toBe(false);
  });

  it('refuses a kid no trusted signer has, and a kid of another signer than the one that signed', async () => {
    expect(await read(handMade({ kid: Buffer.alloc(8, 7) }))).toMatchObject({ valid: false, problem: { code: 'unknown-signer' } });
    expect(await read(offlineQrText(LINK, claims, ta), [sa.certPem])).toMatchObject({ valid: false, problem: { code: 'unknown-signer' } });
    expect(await read(handMade({ kid: kidOf(sa.certPem), key: ta.key }))).toMatchObject({ valid: false, problem: { code: 'bad-signature' } });
  });

  it("refuses a TA certificate signed by the SA family's signer", async () => {
    expect(await read(offlineQrText(LINK, claims, sa))).toMatchObject({ valid: false, problem: { code: 'wrong-family' }, signer: { family: 'SA' } });
  });

  it('refuses a genuine payload beside a link to another site or another certificate', async () => {
    const payload = offlineQrText(LINK, claims, ta).slice(LINK.length);
    for (const link of ['https://verify-ito.example/verify/TA-1405-000123-7', 'https://verify.ito.gov.ir/verify/TA-1405-000124-5', 'https://verify.ito.gov.ir/verify/TA-1405-000123-7?next=https://evil.example']) {
      expect(await read(link + payload)).toMatchObject({ valid: false, problem: { code: 'link-mismatch' } });
    }
  });

  it('refuses signed text holding bidi overrides or control characters', async () => {
    for (const name of ['exe.\u202Egnp شرکت', 'شرکت\u2067x', 'a\u0000b']) {
      const reading = await read(handMade({ payload: encodeClaims({ ...claims, holder: { ...claims.holder, name } }) }));
      expect(reading).toMatchObject({ valid: false, claims: null, problem: { code: 'hostile-text' } });
    }
  });

  it('never throws on hostile or garbage text, and says it is not a payload', async () => {
    const garbage: unknown[] = [
      '', null, 42, { text: LINK }, LINK, `${LINK}#`, `${LINK}#not base32!`, `${LINK}#\u202EABCD`, `${LINK}#AB\uD800CD`,
      `${LINK}#${'A'.repeat(5000)}`, '#'.repeat(100), `${LINK}#AAAAAAAA`, `${LINK}#${encodeBase32(crypto.randomBytes(400))}`,
    ];
    for (const text of garbage) {
      const reading = await read(text);
      expect(reading.valid).toBe(false);
      expect(reading.claims).toBeNull();
      expect(reading.problem?.code).toMatch(/^(not-a-payload|malformed)$/);
    }
    // well-formed CBOR of the wrong shapes
    for (const value of [[1, 2, 3, 4], { tag: 18, value: [new Uint8Array(0), new Map(), new Uint8Array(0), new Uint8Array(0)] }, { tag: 17, value: [] }, 'text']) {
      expect(await read(`${LINK}#${encodeBase32(encodeCbor(value))}`)).toMatchObject({ valid: false });
    }
    // random bytes, a thousand times
    for (let i = 0; i < 1000; i++) {
      const reading = await read(`#${encodeBase32(crypto.randomBytes(1 + (i % 300)))}`);
      expect(reading.valid).toBe(false);
    }
  });
});

describe('the signer certificates the API publishes for the offline verifier', () => {
  it('lists every family signer of the folder, certificates only, and leaves out one its CA did not issue', async () => {
    const pkiDir = path.join(dir, 'pki');
    expect(await loadSignerCertificates(pkiDir)).toEqual([
      { family: 'SA', issuingId: 'g1', certPem: sa.certPem },
      { family: 'TA', issuingId: 'g1', certPem: ta.certPem },
    ]);
    const forged = path.join(pkiDir, 'issuing', 'g1', 'signers', 'XY');
    await fs.mkdir(forged, { recursive: true });
    await fs.writeFile(path.join(forged, 'signer.crt.pem'), pki.rootCertPem);
    expect((await loadSignerCertificates(pkiDir)).map((s) => s.family)).toEqual(['SA', 'TA']);
    await fs.rm(forged, { recursive: true });
  });
});

describe('CBOR subset and base32', () => {
  it('round-trips what the payload uses, in shortest form', () => {
    const value = new Map<number | string, import('./cbor').CborValue>([[1, 'متن'], [-65537, [0, 23, 24, 255, 256, 65536, 2 ** 32, -1, -257]], ['b', new Uint8Array([1, 2])], [4, null]]);
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
    expect(Buffer.from(encodeCbor(-257)).toString('hex')).toBe('390100');
    expect(Buffer.from(encodeCbor({ tag: 18, value: [] })).toString('hex')).toBe('d280');
  });

  it('refuses indefinite lengths, floats, invalid UTF-8, trailing bytes, deep nesting and duplicate keys', () => {
    for (const hex of ['9f01ff', 'fb3ff0000000000000', '62c328', '0101', '818181818181818181818101', 'a201010102', '1bffffffffffffffff', '5a00010000']) {
      expect(() => decodeCbor(Buffer.from(hex, 'hex'))).toThrow(CborError);
    }
  });

  it('base32 round-trips and refuses non-canonical text', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = crypto.randomBytes(n);
      expect(Buffer.from(decodeBase32(encodeBase32(bytes)) ?? [])).toEqual(bytes);
    }
    expect(encodeBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 §10, unpadded
    expect(decodeBase32('MZXW6YTBOJ')).toBeNull(); // leftover bits set
    expect(decodeBase32('MZX')).toBeNull(); // a length base32 never has
    expect(decodeBase32('mzxw6ytboi')).toBeNull();
  });

  it('splits the link from the payload', () => {
    expect(splitQrText(`${LINK}#MZXW6YTBOI`)).toEqual({ ok: true, link: LINK, cose: new Uint8Array(Buffer.from('foobar')) });
    expect(splitQrText(`${LINK} #MZXW6YTBOI`).ok).toBe(false);
  });
});
