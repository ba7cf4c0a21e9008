/**
 * `inquiry.national-identity` service task: for each person (tasks/people.ts; the mobile in the row
 * field `mobileField`, default `mobile`, or the variable `mobileVariable` for one person) asks the
 * national identity service whether the mobile line is registered to the national ID. Sets
 * `identityMatch` (every person matched), `identityMismatches` (texts) and `identityMismatchesText`
 * (joined). A mismatch is a business outcome, never an error.
 */
import type { Db } from '../../../prisma/client';
import type { ServiceTaskHandler } from '../../service-tasks/registry';
import type { Connector, IdentityAnswer, IdentityRequest } from '../connector';
import { inquireOnce } from '../inquiry-results';
import { peopleOf } from './people';

export function createNationalIdentityInquiry(db: Db, connector: Connector<IdentityRequest, IdentityAnswer>): ServiceTaskHandler {
  return (input) => inquireOnce(db, input, 'national-identity', async () => {
    const mobileField = input.headers.mobileField || 'mobile';
    const people = peopleOf(input, { [mobileField]: input.headers.mobileVariable });
    const asked: IdentityRequest[] = [];
    const answers: IdentityAnswer[] = [];
    const mismatches: string[] = [];
    for (const person of people) {
      const mobile = typeof person.row[mobileField] === 'string' ? (person.row[mobileField] as string).trim() : '';
      if (!person.nationalId || !mobile) {
        mismatches.push(`${person.label}: کد ملی یا شماره همراه داده نشده است / the national ID or mobile number is missing`);
        continue;
      }
      const request = { nationalId: person.nationalId, mobile };
      const answer = await connector.ask(request);
      asked.push(request);
      answers.push(answer);
      if (!answer.match) mismatches.push(`${person.label}: شماره همراه به نام این شخص نیست / the mobile number is not registered to this person`);
    }
    const match = mismatches.length === 0;
    return {
      request: asked,
      response: answers,
      variables: { identityMatch: match, identityMismatches: mismatches, identityMismatchesText: mismatches.join('\n') },
      outcome: match ? 'positive' : 'negative',
      summaryFa: match ? `کد ملی و شماره همراه ${people.length} نفر مطابقت دارد.` : `عدم تطابق برای ${mismatches.length} از ${people.length} نفر.`,
      summaryEn: match ? `National ID and mobile match for ${people.length} people.` : `${mismatches.length} of ${people.length} people do not match.`,
    };
  });
}
