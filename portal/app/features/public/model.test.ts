import { fa, en } from './messages';
import { verdictOfUpload, VERDICT_TONE, type VerifyAnswer } from './model';

const genuine: VerifyAnswer = {
  signatureValid: true, chainTrusted: true, hashMatchesRecord: true, signerFamilies: ['TA'], signerFamilyMatches: true,
  modifiedAfterSigning: null, number: 'TA-1405-000123-7', status: 'valid', verdict: { fa: '', en: '' }, timeStamp: null, padesLevel: 'B-B',
};

describe('public verify page - the verdict of an uploaded file when its signer is revoked', () => {
  it('is signer-revoked when the signer was revoked before signing, at an unknown time, or for a compromised key after a claimed (not time-stamped) signing time', () => {
    const revoked = (revokedAfterSigning: boolean | null, reason: string): VerifyAnswer => ({
      ...genuine, signerRevocation: { status: 'revoked', revokedAt: '2026-12-01T00:00:00.000Z', reason, revokedAfterSigning, source: 'crl' },
    });
    expect(verdictOfUpload(revoked(false, 'superseded'))).toBe('signer-revoked');
    expect(verdictOfUpload(revoked(null, 'superseded'))).toBe('signer-revoked');
    expect(verdictOfUpload(revoked(true, 'keyCompromise'))).toBe('signer-revoked');
    // a time-stamp proves the signature came before the revocation, whatever the reason
    expect(verdictOfUpload({ ...revoked(true, 'keyCompromise'), signerRevocation: { ...revoked(true, 'keyCompromise').signerRevocation!, signingTimeFrom: 'time-stamp' } })).toBe('valid');
    // signed while the signer was good, revoked later for a reason that does not taint earlier signatures
    expect(verdictOfUpload(revoked(true, 'superseded'))).toBe('valid');
    expect(verdictOfUpload({ ...genuine, signerRevocation: { status: 'good', source: 'crl' } })).toBe('valid');
    expect(verdictOfUpload({ ...genuine, signerRevocation: { status: 'unknown', source: 'crl' } })).toBe('valid');
  });

  it('says so in red, in Persian and English, with the check of the revocation list named in both', () => {
    expect(VERDICT_TONE['signer-revoked']).toBe('err');
    for (const words of [fa, en] as unknown as { public: { verdict: Record<string, { title: string; note: string }>; checks: Record<string, string> } }[]) {
      expect(words.public.verdict['signer-revoked'].title).toBeTruthy();
      expect(words.public.checks.signerNotRevoked).toBeTruthy();
    }
  });
});
