/** The benchmark's figures for one engine, from its batch and what was collected afterwards. */
import type { BatchResult } from './driver';
import type { InstanceRecord } from './collect';
import { ELEMENTS, STEPS } from './shape';

export interface Percentiles {
  p50: number;
  p99: number;
}

export interface EngineFigures {
  instances: number;
  wallMs: number;
  instancesPerSecond: number;
  /** CPU time of the benchmark's process (worker and driver; not the Temporal server) per instance. */
  workerCpuMsPerInstance: number;
  /** CPU time of the Temporal dev server per instance (null when it was not measured). */
  serverCpuMsPerInstance: number | null;
  /** From the start request to the result, per instance. */
  instanceLatencyMs: Percentiles;
  /** Per element: from when it became ready (its predecessors completed) to when it completed. */
  stepLatencyMs: Record<string, Percentiles>;
  historyEventsPerInstance: number;
  /** Encoded size of the whole history. */
  historyBytesPerInstance: number;
  /** History events divided by the BPMN elements executed (start and end events included). */
  historyEventsPerElement: number;
  /** History events divided by the 10 steps. */
  historyEventsPerStep: number;
  /** Mean count per instance of each history event type. */
  eventTypes: Record<string, number>;
  /** Completion attempts the driver sent before a task was open, per instance. */
  earlyAttemptsPerInstance: number;
}

/** Element id → the elements whose completion makes it ready (from the compiled graph's flows). */
export type Predecessors = Record<string, string[]>;

export function figuresOf(batch: BatchResult, records: InstanceRecord[], predecessors: Predecessors): EngineFigures {
  for (const r of records) {
    const missing = ELEMENTS.filter((id) => !r.steps.some((s) => s.elementId === id));
    if (missing.length || r.steps.length !== ELEMENTS.length) throw new Error(`${r.workflowId} completed [${r.steps.map((s) => s.elementId).join(', ')}], expected [${ELEMENTS.join(', ')}]`);
  }
  const n = records.length;
  const totalEvents = sum(records.map((r) => r.events.length));
  const eventTypes: Record<string, number> = {};
  for (const r of records) for (const type of r.events) eventTypes[type] = (eventTypes[type] ?? 0) + 1 / n;
  const stepLatencyMs: Record<string, Percentiles> = {};
  for (const id of ELEMENTS) stepLatencyMs[id] = percentiles(records.map((r) => stepLatency(r, id, predecessors)));
  return {
    instances: n,
    wallMs: batch.wallMs,
    instancesPerSecond: round(n / (batch.wallMs / 1000), 2),
    workerCpuMsPerInstance: round(batch.cpuMs / n, 1),
    serverCpuMsPerInstance: Number.isFinite(batch.serverCpuMs) ? round(batch.serverCpuMs / n, 1) : null,
    instanceLatencyMs: percentiles(records.map((r) => r.finishedAt - r.startedAt)),
    stepLatencyMs,
    historyEventsPerInstance: round(totalEvents / n, 2),
    historyBytesPerInstance: Math.round(sum(records.map((r) => r.historyBytes)) / n),
    historyEventsPerElement: round(totalEvents / (n * ELEMENTS.length), 2),
    historyEventsPerStep: round(totalEvents / (n * STEPS.length), 2),
    eventTypes: Object.fromEntries(Object.entries(eventTypes).map(([type, count]) => [type, round(count, 2)]).sort()),
    earlyAttemptsPerInstance: round(sum(records.map((r) => r.earlyAttempts)) / n, 2),
  };
}

function stepLatency(record: InstanceRecord, elementId: string, predecessors: Predecessors): number {
  const at = (id: string) => Date.parse(record.steps.find((s) => s.elementId === id)!.at);
  const before = predecessors[elementId] ?? [];
  const readyAt = before.length ? Math.max(...before.map(at)) : record.startedAt;
  return at(elementId) - readyAt;
}

/** Nearest-rank percentiles, in milliseconds. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99) };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
