/**
 * The inbox: a user reads only their own messages and marks only their own as read; a message read
 * once stays read with its first reading time; bad input is refused with 400 and changes nothing.
 */
import { useRunningProduct } from '../support/harness';

const product = useRunningProduct();

async function message(username: string, key: string): Promise<string> {
  const db = product.stack.db;
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  const row = await db.notification.create({
    data: { idempotencyKey: `notifications-test/${key}`, userId: user.id, template: 'test', subjectFa: 'پیام', subjectEn: 'Message', bodyFa: 'متن', bodyEn: 'Text' },
  });
  return row.id;
}

it('marks my messages read, and nobody else\'s', async () => {
  const [applicant, other] = await product.login('applicant', 'applicant2');
  const mine = await message('applicant', 'mine');
  const theirs = await message('applicant2', 'theirs');

  const listed = (await applicant.get('/api/notifications')).body as { id: string; readAt: string | null }[];
  expect(listed.find((n) => n.id === mine)?.readAt).toBeNull();
  expect(listed.some((n) => n.id === theirs)).toBe(false);

  const marked = await applicant.post('/api/notifications/read', { ids: [mine, theirs, 'nosuchid'] });
  expect(marked.status).toBe(200);
  expect(marked.body).toEqual({ marked: 1 });
  const readAt = ((await applicant.get('/api/notifications')).body as { id: string; readAt: string | null }[]).find((n) => n.id === mine)?.readAt;
  expect(readAt).toEqual(expect.any(String));
  // the other user's message is untouched
  expect(((await other.get('/api/notifications')).body as { id: string; readAt: string | null }[]).find((n) => n.id === theirs)?.readAt).toBeNull();

  // read twice: nothing newly marked, the first reading time kept
  expect((await applicant.post('/api/notifications/read', { ids: [mine] })).body).toEqual({ marked: 0 });
  expect(((await applicant.get('/api/notifications')).body as { id: string; readAt: string | null }[]).find((n) => n.id === mine)?.readAt).toBe(readAt);
});

it('refuses malformed requests and anonymous callers', async () => {
  const [applicant] = await product.login('applicant');
  for (const body of [{}, { ids: [] }, { ids: ['a b'] }, { ids: ['x'.repeat(41)] }, { ids: Array.from({ length: 201 }, (_, i) => `n${i}`) }, { ids: ['x'], extra: 1 }]) {
    expect([JSON.stringify(body), (await applicant.post('/api/notifications/read', body)).status]).toEqual([JSON.stringify(body), 400]);
  }
  expect((await product.anonymous.post('/api/notifications/read', { ids: ['x'] })).status).toBe(401);
});
