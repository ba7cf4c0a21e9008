/**
 * `register.check-holder` service task: the organisation an applicant chose (its national id in the
 * variable named by the `variable` header) must be on the register list named by the `register`
 * header now. Otherwise the BPMN error `not-qualified`, with the rejection condition named by the
 * `condition` header and the reason in both languages (rejectionReasonFa, rejectionReasonEn).
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { checkRegisterHolder } from './register-holders';

export const NOT_QUALIFIED = 'not-qualified';

export function createCheckRegisterHolder(db: Db, now: () => Date = () => new Date()): ServiceTaskHandler {
  return async (input) => {
    const { register, variable, condition } = input.headers;
    if (!register || !variable) throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs the headers "register" and "variable"`, 'MissingHeader');
    const nationalId = input.variables[variable];
    if (typeof nationalId !== 'string' || nationalId.trim() === '') throw ApplicationFailure.nonRetryable(`variable "${variable}" (the chosen organisation's national id) is missing`, 'MissingVariable');
    const check = await checkRegisterHolder(db, register, nationalId.trim(), now());
    if (check.ok) return { variables: { [`${variable}Name`]: check.holder.nameFa, [`${variable}Certificate`]: check.holder.certificateNumber } };
    return {
      variables: { ...(condition ? { rejectionCondition: condition } : {}), rejectionReasonFa: check.fa, rejectionReasonEn: check.en },
      bpmnError: { code: NOT_QUALIFIED, message: check.en },
    };
  };
}
