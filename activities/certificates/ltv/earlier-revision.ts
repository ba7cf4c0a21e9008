/**
 * A holder's copy from before a re-stamp: the issued file grows by incremental updates (the DSS, a
 * new document time-stamp), so a copy kept earlier is a byte prefix of the stored file that ends
 * where one of its revisions ends (`%%EOF`). Such a copy is the issued file as it was then.
 */
const REVISION_END = /%%EOF(?:\r\n|\r|\n)?$/;

export function isEarlierRevision(copy: Buffer, stored: Buffer): boolean {
  if (copy.length === 0 || copy.length >= stored.length) return false;
  if (!REVISION_END.test(copy.subarray(Math.max(0, copy.length - 8)).toString('latin1'))) return false;
  return stored.subarray(0, copy.length).equals(copy);
}
