/**
 * `inquiry.degree-verification` service task: for each person (tasks/people.ts; the degree claimed
 * in the row field `degreeField`, default `degree`, the field of study in `fieldOfStudyField` when
 * given) asks the degree verification service whether that degree is on record. Sets
 * `degreesVerified` (every claim verified), `degreeProblems` (texts) and `degreeProblemsText`
 * (joined). A claim not on record is a business outcome, never an error.
 */
import type { Db } from '../../../prisma/client';
import type { ServiceTaskHandler } from '../../service-tasks/registry';
import type { Connector, DegreeAnswer, DegreeRequest } from '../connector';
import { inquireOnce } from '../inquiry-results';
import { peopleOf } from './people';

export function createDegreeVerificationInquiry(db: Db, connector: Connector<DegreeRequest, DegreeAnswer>): ServiceTaskHandler {
  return (input) => inquireOnce(db, input, 'degree-verification', async () => {
    const degreeField = input.headers.degreeField || 'degree';
    const studyField = input.headers.fieldOfStudyField;
    const people = peopleOf(input, { [degreeField]: input.headers.degreeVariable, ...(studyField ? { [studyField]: input.headers.fieldOfStudyVariable } : {}) });
    const asked: DegreeRequest[] = [];
    const answers: DegreeAnswer[] = [];
    const problems: string[] = [];
    for (const person of people) {
      const degree = typeof person.row[degreeField] === 'string' ? (person.row[degreeField] as string) : '';
      const study = studyField && typeof person.row[studyField] === 'string' ? (person.row[studyField] as string) : undefined;
      if (!person.nationalId || !degree) {
        problems.push(`${person.label}: کد ملی یا مدرک داده نشده است / the national ID or degree is missing`);
        continue;
      }
      const request: DegreeRequest = { nationalId: person.nationalId, degree, ...(study ? { fieldOfStudy: study } : {}) };
      const answer = await connector.ask(request);
      asked.push(request);
      answers.push(answer);
      if (!answer.verified) problems.push(`${person.label}: مدرک «${degree}» در سامانه استعلام مدارک ثبت نشده است / the ${degree} degree is not on record`);
    }
    const verified = problems.length === 0;
    return {
      request: asked,
      response: answers,
      variables: { degreesVerified: verified, degreeProblems: problems, degreeProblemsText: problems.join('\n') },
      outcome: verified ? 'positive' : 'negative',
      summaryFa: verified ? `مدرک تحصیلی ${people.length} نفر تأیید شد.` : `مدرک ${problems.length} از ${people.length} نفر تأیید نشد.`,
      summaryEn: verified ? `Degrees of ${people.length} people verified.` : `Degrees of ${problems.length} of ${people.length} people not verified.`,
    };
  });
}
