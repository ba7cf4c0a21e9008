/**
 * A ruling (activities/rulings/start-ruling.ts: `legal-deadline`, `appeal`) is an application of its
 * own that decides an earlier one; its start data names the ruled application and why it runs. The
 * reviewer of a ruling's task works on the ruled application, so the task page reads that one.
 */

export type RulingKind = 'legal-deadline' | 'appeal';

export interface Ruling {
  kind: RulingKind;
  /** The application the ruling decides. */
  ruledTrackingNumber: string;
  /** legal-deadline: when the legal time ran out, and the groups that held the file then. */
  legalDeadline?: string;
  reviewingUnit: string[];
  /** appeal: the groups whose rejection is appealed. */
  rejectedByGroup: string[];
}

const groupsOf = (value: unknown): string[] => (typeof value === 'string' ? value.split(',').filter(Boolean) : []);

/** The ruling a task's application is, from its process and start data; undefined for any other application. */
export function rulingOf(processKey: string | undefined, submittedData: Record<string, unknown> | null | undefined): Ruling | undefined {
  if (processKey !== 'legal-deadline' && processKey !== 'appeal') return undefined;
  const ruled = submittedData?.ruledTrackingNumber;
  if (typeof ruled !== 'string' || !ruled) return undefined;
  return {
    kind: processKey,
    ruledTrackingNumber: ruled,
    legalDeadline: typeof submittedData?.legalDeadline === 'string' ? submittedData.legalDeadline : undefined,
    reviewingUnit: groupsOf(submittedData?.reviewingUnit),
    rejectedByGroup: groupsOf(submittedData?.rejectedByGroup),
  };
}
