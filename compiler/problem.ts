import type { ModdleElement } from './moddle';

/** A finding about a BPMN definition; deployment fails on any `error`. */
export interface Problem {
  elementId: string;
  rule: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Used when a problem belongs to the file as a whole and no element id is known. */
export const DEFINITIONS_ID = 'definitions';

/** `<bpmn:ParallelGateway id="Gateway_1" />`, the way bpmn-js names elements in its messages. */
export function describe(element: ModdleElement): string {
  return element.id ? `<${element.$type} id="${element.id}" />` : `<${element.$type} />`;
}

export function error(rule: string, elementId: string, message: string): Problem {
  return { elementId, rule, message, severity: 'error' };
}

export function warning(rule: string, elementId: string, message: string): Problem {
  return { elementId, rule, message, severity: 'warning' };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
