import type { CompileOptions, CompileResult } from '../../../../compiler';
import type { CompileDmnResult } from '../../../../compiler/dmn';

/** What a compile thread is asked to do (plain data: it crosses threads by structured clone). */
export type CompileJob =
  | { kind: 'bpmn'; xml: string; options: CompileOptions }
  | { kind: 'dmn'; xml: string };

export type CompileJobResult<J extends CompileJob> = J extends { kind: 'dmn' } ? CompileDmnResult : CompileResult;

/** What a compile thread says: that it has loaded the compiler, or the answer to job `id`. */
export type ThreadMessage = { ready: true } | { id: number; result: CompileResult | CompileDmnResult };
