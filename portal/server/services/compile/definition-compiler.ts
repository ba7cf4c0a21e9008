/**
 * How the API compiles a BPMN or DMN file: trusted files (the ones bundled in definitions/, the
 * CLI) in-process; uploaded or edited ones in the compile pool's threads, after a cheap count of
 * their elements refuses files far bigger than any real model (compiler/element-count.ts).
 */
import { compileBpmn, type CompileOptions, type CompileResult } from '../../../../compiler';
import { compileDmn, type CompileDmnResult } from '../../../../compiler/dmn';
import { MAX_MODEL_ELEMENTS, elementLimitExceeded, type ModelKind } from '../../../../compiler/element-count';
import { HttpError } from '../../plugins/errors';
import type { CompilePool } from './compile-pool';

export interface DefinitionCompiler {
  bpmn(xml: string, options: CompileOptions): Promise<CompileResult>;
  dmn(xml: string): Promise<CompileDmnResult>;
}

export const inProcessCompiler: DefinitionCompiler = {
  bpmn: (xml, options) => compileBpmn(xml, options),
  dmn: (xml) => compileDmn(xml),
};

export class TooManyElements extends HttpError {
  constructor(message: string, limit: number) {
    super(422, 'too_many_elements', message, undefined, { limit });
  }
}

/** Compiles in `pool`'s threads; a file with more than `maxElements` elements is refused before. */
export function isolatedCompiler(pool: CompilePool, maxElements = MAX_MODEL_ELEMENTS): DefinitionCompiler {
  const refuseOversized = (xml: string, kind: ModelKind) => {
    const exceeded = elementLimitExceeded(xml, kind, maxElements);
    if (exceeded) throw new TooManyElements(exceeded, maxElements);
  };
  return {
    async bpmn(xml, options) {
      refuseOversized(xml, 'bpmn');
      return pool.compile({ kind: 'bpmn', xml, options });
    },
    async dmn(xml) {
      refuseOversized(xml, 'dmn');
      return pool.compile({ kind: 'dmn', xml });
    },
  };
}
