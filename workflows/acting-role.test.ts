import { actingRole } from './runtime/task-authorisation';
import type { OpenTask } from './state';

const task = (over: Partial<OpenTask>): OpenTask => ({ taskId: 't', elementId: 'e', candidateGroups: [], candidateUsers: [], createdAt: '', ...over });
const actor = (username: string, groups: string[] = []) => ({ username, roles: [], groups });

describe('workflows - who may complete a user task', () => {
  it('lets only the assignee complete an assigned task, even if others are candidates', () => {
    const t = task({ assignee: 'applicant', candidateGroups: ['formal-reviewers'] });
    expect(actingRole(t, actor('applicant'))).toBe('assignee');
    expect(actingRole(t, actor('reviewer1', ['formal-reviewers']))).toBeUndefined();
  });

  it('lets a member of a candidate group act, in the role of that group', () => {
    const t = task({ candidateGroups: ['formal-reviewers', 'technical-reviewers'] });
    expect(actingRole(t, actor('reviewer2', ['technical-reviewers']))).toBe('technical-reviewers');
    expect(actingRole(t, actor('someone', ['other']))).toBeUndefined();
  });

  it("lets an agent acting for the assignee complete the assignee's task, as agent, and nobody else's", () => {
    const t = task({ assignee: 'applicant' });
    expect(actingRole(t, { ...actor('agent'), onBehalfOf: 'applicant' })).toBe('agent');
    expect(actingRole(t, { ...actor('agent'), onBehalfOf: 'applicant2' })).toBeUndefined();
    expect(actingRole(task({ assignee: 'reviewer1', claimed: true }), { ...actor('agent'), onBehalfOf: 'reviewer1' })).toBeUndefined();
    expect(actingRole(task({ candidateGroups: ['formal-reviewers'] }), { ...actor('agent'), onBehalfOf: 'applicant' })).toBeUndefined();
  });

  it('lets a named candidate user act', () => {
    expect(actingRole(task({ candidateUsers: ['reviewer1'] }), actor('reviewer1'))).toBe('candidate-user');
  });
});
