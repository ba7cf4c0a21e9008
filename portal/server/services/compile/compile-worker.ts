/**
 * The body of a compile thread (compile-pool.ts): compiles the BPMN or DMN it is sent and answers
 * with the plain-data result. It is loaded once per thread and serves one job at a time.
 */
import { parentPort } from 'node:worker_threads';
import { compileBpmn } from '../../../../compiler';
import { compileDmn } from '../../../../compiler/dmn';
import type { CompileJob, ThreadMessage } from './jobs';

if (!parentPort) throw new Error('compile-worker.ts runs only as a worker thread (see compile-pool.ts)');
const port = parentPort;

port.on('message', (job: { id: number } & CompileJob) => {
  const compiled = job.kind === 'dmn' ? compileDmn(job.xml) : compileBpmn(job.xml, job.options);
  void compiled.then((result) => port.postMessage({ id: job.id, result } satisfies ThreadMessage));
});
// The first compile in a thread loads the rest of the compiler (lint rules, FEEL); done here, so a
// job's time limit measures the job.
const WARM_UP_BPMN = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="WarmUp">
<bpmn:process id="warm-up" isExecutable="true"><bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" /></bpmn:process>
</bpmn:definitions>`;
const WARM_UP_DMN = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="WarmUp" name="warm-up" namespace="warm-up">
<decision id="WarmUpDecision" name="warm-up"><decisionTable id="Table"><input id="In"><inputExpression id="InExpr" typeRef="string"><text>x</text></inputExpression></input>
<output id="Out" name="y" typeRef="string" /><rule id="Rule"><inputEntry id="Entry"><text>"a"</text></inputEntry><outputEntry id="Result"><text>"b"</text></outputEntry></rule></decisionTable></decision>
</definitions>`;
void Promise.all([compileBpmn(WARM_UP_BPMN), compileDmn(WARM_UP_DMN)]).then(() => port.postMessage({ ready: true } satisfies ThreadMessage));
