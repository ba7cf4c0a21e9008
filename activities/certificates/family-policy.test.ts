/** A signer's policy OID names its family, and the verifier reads the family back from the OID. */
import { familyOfPolicyOid, familyPolicyOid, POLICY_ARC } from './family-policy';

describe('certificates - family policy OIDs', () => {
  it('reads back the family of every 2-4 letter code', () => {
    for (const code of ['TA', 'SA', 'AL', 'AP', 'CP', 'DG', 'DA', 'CLD', 'ZZZZ', 'AAAA']) expect(familyOfPolicyOid(familyPolicyOid(code))).toBe(code);
  });

  it('names no family for any other OID', () => {
    for (const oid of ['2.5.29.32.0', `${POLICY_ARC}.0`, `${POLICY_ARC}.27`, `${POLICY_ARC}.1`, `${POLICY_ARC}.541.1`, `${POLICY_ARC}.99999999`, '1.3.6.1.4.1.32473.2.541', `${POLICY_ARC}.-541`]) {
      expect([oid, familyOfPolicyOid(oid)]).toEqual([oid, null]);
    }
  });
});
