/** The in-process time-stamper of a process holding the PKI's keys: its own TSA, made on the first time-stamp. */
import type { Pki } from '../pki';
import { createTimeStampAuthority } from './time-stamp-authority';
import { inProcessTimeStamper, TimeStamper } from './time-stamper';

export function pkiTimeStamper(pki: Pick<Pki, 'timeStampAuthority' | 'rootCertPem'>): TimeStamper {
  let stamper: Promise<TimeStamper> | undefined;
  return async (imprint) => {
    const pending = (stamper ??= pki.timeStampAuthority().then((signer) => inProcessTimeStamper(createTimeStampAuthority(signer), { rootCertPems: [pki.rootCertPem] })));
    pending.catch(() => { stamper = undefined; }); // a failed load (a key file being written) is tried again next time
    return (await pending)(imprint);
  };
}
