import type { CompileContext } from '../context';
import type { ModdleElement } from '../moddle';
import type { Problem } from '../problem';
import type { ProcessView } from '../process-view';

/** A check over the whole file (`<bpmn:definitions>`). */
export interface DefinitionsRule {
  name: string;
  check(definitions: ModdleElement): Problem[];
}

/** A check over one executable process. */
export interface ProcessRule {
  name: string;
  check(view: ProcessView, context: CompileContext): Problem[];
}
