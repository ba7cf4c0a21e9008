/**
 * The chain hash's form: every sealed chain was hashed with it, so a change (field order, date form,
 * separator) would make every existing chain fail verification.
 */
import crypto from 'node:crypto';
import { ChainedFields, chainHash } from './audit-chain';

const entry: ChainedFields = {
  id: 42,
  at: new Date('2026-12-06T10:00:00.123Z'),
  actor: 'reviewer1',
  actorRole: 'reviewer',
  action: 'task.completed',
  applicationId: 'TA-14050915-ABC123',
  entityType: 'task',
  entityId: 't-1',
  details: '{"note":"تأیید"}',
  dedupeKey: null,
};

describe('chainHash', () => {
  it('is sha256 hex of the previous hash, a newline, and the JSON array of place and fields', () => {
    const canonical = '[7,42,"2026-12-06T10:00:00.123Z","reviewer1","reviewer","task.completed","TA-14050915-ABC123","task","t-1","{\\"note\\":\\"تأیید\\"}",null]';
    const expected = crypto.createHash('sha256').update(`abc\n${canonical}`).digest('hex');
    expect(chainHash('abc', 7, entry)).toBe(expected);
    expect(expected).toBe('b312e8e4e8629074281ce394dc154b359f4dd840176e26ddb890972a5c93ee75'); // the same, written down when chains were first sealed
  });

  it('changes with any field, the place and the previous hash', () => {
    const base = chainHash('', 1, entry);
    expect(chainHash('', 2, entry)).not.toBe(base);
    expect(chainHash('x', 1, entry)).not.toBe(base);
    expect(chainHash('', 1, { ...entry, details: '{"note":"رد"}' })).not.toBe(base);
    expect(chainHash('', 1, { ...entry, actorRole: null })).not.toBe(base);
    expect(chainHash('', 1, { ...entry, at: new Date(entry.at.getTime() + 1) })).not.toBe(base);
  });
});
