/**
 * The process editor (the app's page /processes/edit/<key>[/<version>] and /processes/new; bpmn-js,
 * its properties panel with Camunda 8's zeebe: groups and the engine's own ito: groups) in a real
 * browser against the real API. The earlier address /modeler#/<key> leads there. An administrator
 * opens a deployed process from the list of processes, sets a working-day SLA, a four-eyes rule and a working-day
 * timer in the properties panel, sees the server's problems (the list deploy judges by) in the list
 * and on the canvas while editing, is refused a deploy while an error remains, and deploys a new
 * version whose compiled graph carries what was set. Screenshots go to test-artifacts/e2e/.
 */
import { Page } from 'playwright-core';
import { ApiClient } from '../../scripts/lib/api-client';
import { BrowserSession, shot } from '../support/browser';
import { clickCanvasBackground, definitionsFor, openGroup, selectElement, waitForStatus, waitForXml } from '../support/editor';
import { Stack, startApi } from '../support/harness';

const KEY = 'modeler-e2e';

/** start → review (with a 2-day timer boundary) → approve → end, laid out so bpmn-js can draw it. */
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://ito.ir/bpmn/test">
  <bpmn:process id="${KEY}" name="آزمون ویرایشگر / Editor test" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" name="Review">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="formal-reviewers" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:userTask id="approve" name="Approve">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="technical-reviewers" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="reviewLate" attachedToRef="review" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="lateNoted" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
    <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
    <bpmn:sequenceFlow id="f4" sourceRef="reviewLate" targetRef="lateNoted" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${KEY}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="approve_di" bpmnElement="approve"><dc:Bounds x="380" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="560" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="reviewLate_di" bpmnElement="reviewLate"><dc:Bounds x="232" y="140" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lateNoted_di" bpmnElement="lateNoted"><dc:Bounds x="232" y="240" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="380" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="480" y="118" /><di:waypoint x="560" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="250" y="176" /><di:waypoint x="250" y="240" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const TASK_KEY = 'modeler-e2e-task';

/** start → a service task naming a type no handler runs → end. */
const TASK_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://ito.ir/bpmn/test">
  <bpmn:process id="${TASK_KEY}" name="آزمون کار موتور / Engine task test" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="tell" name="Tell">
      <bpmn:extensionElements><zeebe:taskDefinition type="send-fax" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
    <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${TASK_KEY}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="tell_di" bpmnElement="tell"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="380" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="380" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

let stack: Stack;
let browser: BrowserSession;
let admin: ApiClient;

/** Signs in through the app's sign-in page, then shows the app in English (the status lines below are read in English). */
async function login(username: string): Promise<Page> {
  const page = await browser.login(stack.baseUrl, username);
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  return page;
}

beforeAll(async () => {
  stack = await startApi();
  browser = await BrowserSession.launch();
  admin = await new ApiClient(stack.baseUrl).login('admin');
  for (const xml of [MODEL, TASK_MODEL]) {
    const deployed = await admin.post('/api/definitions', { xml });
    if (deployed.status !== 201) throw new Error(`test model not deployed: ${JSON.stringify(deployed.body)}`);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Clicks a diagram element so the properties panel shows it. */
describe('process editor in a browser', () => {
  it('sends anyone signed out to sign in, tells anyone but an administrator there is no editor for them, and leads /modeler to the new page', async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(`${stack.baseUrl}/modeler#/${KEY}`);
    await anonymous.getByTestId('login-username').waitFor();
    await anonymous.goto(`${stack.baseUrl}/processes/edit/${KEY}`);
    await anonymous.getByTestId('login-username').waitFor();
    const reviewer = await login('reviewer1');
    await reviewer.goto(`${stack.baseUrl}/processes/edit/${KEY}`);
    await reviewer.getByTestId('not-for-your-role').waitFor();
    expect(await reviewer.locator('.djs-container').count()).toBe(0);
    const administrator = await login('admin');
    await administrator.goto(`${stack.baseUrl}/modeler#/${KEY}/1`);
    await administrator.waitForURL(new RegExp(`/processes/edit/${KEY}/1$`));
    await administrator.locator('.djs-element[data-element-id="approve"]').waitFor();
  });

  it('edits ito: extensions in the properties panel, shows the server\'s problems while editing, and deploys a new version', async () => {
    const page = await login('admin');
    await page.goto(definitionsFor(stack.baseUrl, KEY));
    await page.locator(`[data-testid="edit-definition"][data-key="${KEY}"]`).click();
    await page.waitForURL(new RegExp(`/processes/edit/${KEY}$`));
    await page.locator('.djs-element[data-element-id="approve"]').waitFor();
    await waitForStatus(page, `Deployable: ${KEY}`);
    expect(await page.getByTestId('diagram-title').textContent()).toBe(`${KEY} — v1`);

    // Camunda 8's own groups are there, beside the engine's
    await selectElement(page, 'approve');
    await page.locator('[data-group-id="group-assignmentDefinition"]').waitFor();
    // Persian beside English in bpmn-js's own labels
    expect(await page.locator('[data-group-id="group-general"] .bio-properties-panel-group-header-title').textContent()).toBe('عمومی · General');
    await openGroup(page, 'ito-sla');

    // a due period without a calendar: the server's check names the task, on the list and on the canvas
    await page.locator('#bio-properties-panel-ito-sla-due-in').fill('P10D');
    const slaProblem = page.locator('[data-testid="problem-row"][data-element-id="approve"]', { hasText: 'user-task-schedule' });
    await slaProblem.waitFor();
    expect(await slaProblem.textContent()).toContain('needs a calendar');
    expect(await page.getByTestId('problem-count').textContent()).toContain('1 error,');
    await page.locator('[data-testid="problem-badge"][data-element-id="approve"]').waitFor();
    await waitForStatus(page, 'Not deployable');
    await shot(page, 'modeler-01-sla-problem');

    // deploy refuses while the error is there, and nothing new is stored
    await page.getByTestId('deploy').click();
    await waitForStatus(page, 'the BPMN cannot be deployed');
    expect((await admin.get(`/api/definitions/${KEY}/versions`)).body).toHaveLength(1);

    await page.locator('#bio-properties-panel-ito-sla-calendar').selectOption('iran');
    await slaProblem.waitFor({ state: 'detached' });
    await waitForStatus(page, `Deployable: ${KEY}`);
    expect(await page.locator('[data-testid="problem-badge"][data-element-id="approve"]').count()).toBe(0);

    // four eyes: the panel itself refuses an id that is not a user task of the diagram
    await openGroup(page, 'ito-four-eyes');
    const fourEyes = page.locator('#bio-properties-panel-ito-four-eyes-not-completed-by');
    await fourEyes.fill('nosuch');
    await page.locator('[data-entry-id="ito-four-eyes-not-completed-by"] .bio-properties-panel-error', { hasText: 'Not a user task: nosuch' }).waitFor();
    await fourEyes.fill('review');
    await page.locator('[data-entry-id="ito-four-eyes-not-completed-by"] .bio-properties-panel-error').waitFor({ state: 'detached' });

    // a working-day calendar on the review's timer
    await selectElement(page, 'reviewLate');
    await openGroup(page, 'ito-working-days');
    await page.locator('#bio-properties-panel-ito-working-days-calendar').selectOption('iran');
    await waitForStatus(page, `Deployable: ${KEY}`);
    await shot(page, 'modeler-02-timer-working-days');

    await page.getByTestId('deploy').click();
    await waitForStatus(page, `Deployed: ${KEY} v2`);
    expect(await page.getByTestId('diagram-title').textContent()).toBe(`${KEY} — v2`);
    await shot(page, 'modeler-03-deployed');

    const v2 = await admin.get(`/api/definitions/${KEY}/versions/2`);
    expect(v2.status).toBe(200);
    expect(v2.body.xml).toMatch(/<ito:taskSla dueIn="P10D" calendar="iran"\s*\/>/);
    expect(v2.body.xml).toMatch(/<ito:fourEyes notCompletedBy="review"\s*\/>/);
    expect(v2.body.xml).toMatch(/<ito:workingDays calendar="iran"\s*\/>/);
    expect(v2.body.graph.elements.approve).toMatchObject({ sla: { dueIn: 'P10D', calendar: 'iran' }, notCompletedBy: ['review'] });
    expect(v2.body.graph.elements.reviewLate.trigger.timer).toMatchObject({ kind: 'duration', workingDayCalendar: 'iran' });
    expect(browser.pageErrors).toEqual([]);
  });

  it('removes an ito: extension element when its last field is cleared, and undo brings it back', async () => {
    const page = await login('admin');
    await page.goto(`${stack.baseUrl}/processes/edit/${KEY}/2`);
    await page.locator('.djs-element[data-element-id="approve"]').waitFor();
    await selectElement(page, 'approve');
    await openGroup(page, 'ito-four-eyes');
    await page.locator('#bio-properties-panel-ito-four-eyes-not-completed-by').fill('');
    const withoutRule = await waitForXml(page, (xml) => !xml.includes('ito:fourEyes'));
    expect(withoutRule).toContain('ito:taskSla');
    await clickCanvasBackground(page);
    await page.keyboard.press('Control+z');
    await waitForXml(page, (xml) => xml.includes('notCompletedBy="review"'));
    expect(browser.pageErrors).toEqual([]);
  });

  it('offers the engine\'s service-task types with what each needs, warns while a type or a header is unknown, and sets how the task runs', async () => {
    const page = await login('admin');
    await page.goto(`${stack.baseUrl}/processes/edit/${TASK_KEY}`);
    await page.locator('.djs-element[data-element-id="tell"]').waitFor();
    // a type no handler runs deploys (as in Camunda 8), with a warning that names the task
    const unknownType = page.locator('[data-testid="problem-row"][data-element-id="tell"]', { hasText: 'no handler of this engine runs' });
    await unknownType.waitFor();
    await waitForStatus(page, `Deployable: ${TASK_KEY}`);

    await selectElement(page, 'tell');
    await openGroup(page, 'ito-task-type');
    const select = page.locator('#bio-properties-panel-ito-task-type');
    expect(await select.locator('option:checked').textContent()).toContain('send-fax (ناشناخته · unknown to this engine)');
    await select.selectOption('notify-applicant');
    await waitForXml(page, (xml) => /<zeebe:taskDefinition type="notify-applicant"\s*\/>/.test(xml));
    // what the type does and the header it needs, in both languages
    const help = page.getByTestId('task-type-help');
    expect(await help.textContent()).toContain('Sends the applicant a bilingual message');
    expect(await help.textContent()).toContain('template (لازم · required)');
    await unknownType.waitFor({ state: 'detached' });
    const missingHeader = page.locator('[data-testid="problem-row"][data-element-id="tell"]', { hasText: 'needs the header "template"' });
    await missingHeader.waitFor();
    await shot(page, 'modeler-04-task-type');
    // how it runs: a local activity for a short task, written as ito:execution (the default writes nothing)
    await openGroup(page, 'ito-execution');
    await page.locator('#bio-properties-panel-ito-execution-mode').selectOption('local');
    await waitForXml(page, (xml) => /<ito:execution mode="local"\s*\/>/.test(xml));
    await page.locator('#bio-properties-panel-ito-execution-mode').selectOption('');
    await waitForXml(page, (xml) => !xml.includes('ito:execution'));
    expect(browser.pageErrors).toEqual([]);
  });

  it('opens a new diagram and shows a fresh process as deployable', async () => {
    const page = await login('admin');
    await page.goto(`${stack.baseUrl}/definitions`);
    await page.getByTestId('new-process-link').click();
    await page.waitForURL(/\/processes\/new$/);
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').waitFor();
    // the process itself (the canvas background): who starts its instances
    await clickCanvasBackground(page);
    await openGroup(page, 'ito-started-by');
    await page.locator('#bio-properties-panel-ito-started-by').selectOption('regulator');
    await waitForXml(page, (xml) => /<ito:startedBy value="regulator"\s*\/>/.test(xml));
    // and its published decision time, in working days of a calendar
    await openGroup(page, 'ito-decision-time');
    await page.locator('#bio-properties-panel-ito-decision-time-within').fill('P30D');
    await page.locator('#bio-properties-panel-ito-decision-time-calendar').selectOption('iran');
    await waitForXml(page, (xml) => /<ito:decisionTime within="P30D" calendar="iran"\s*\/>/.test(xml));
    // a process with only a start event is valid BPMN; bpmnlint's recommended rules warn about it
    await page.locator('[data-testid="problem-row"]').first().waitFor();
    expect(await page.getByTestId('diagram-title').textContent()).toContain('New process');
    expect(browser.pageErrors).toEqual([]);
  });
});
