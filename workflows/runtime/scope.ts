import type { Variables } from '../expressions/feel';
import type { Compensable } from './compensation';

/**
 * A variable scope and token container: the process itself, an embedded or event sub-process, one
 * instance of a multi-instance body, an activity with input/output mappings, or where compensation
 * handlers run (compensation.ts).
 *
 * Variable semantics follow Camunda 8: reading sees the scope's own variables over its parents';
 * writing sets a variable in the nearest scope that already has it, else at process level. A scope
 * that captures (an activity with output mappings) keeps every write local until its outputs are
 * mapped out.
 */
export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess' | 'instance' | 'local' | 'compensation';

export class Scope {
  readonly locals: Variables;
  /** Tokens alive in the scope (moving, waiting, or parked at a join). */
  active = 0;
  /** Set by a terminate end event: the remaining tokens were cancelled on purpose. */
  terminated = false;
  /** Completions in this (flow) scope that a compensation throw can compensate (compensation.ts). */
  readonly compensable: Compensable[] = [];

  constructor(
    readonly id: string,
    readonly kind: ScopeKind,
    /** The process id, or the sub-process / activity the scope belongs to. */
    readonly elementId: string,
    readonly parent: Scope | undefined,
    locals: Variables = {},
    readonly captures = false,
  ) {
    this.locals = { ...locals };
  }

  view(): Variables {
    return this.parent ? { ...this.parent.view(), ...this.locals } : { ...this.locals };
  }

  setLocal(values: Variables): void {
    for (const [name, value] of Object.entries(values)) define(this.locals, name, value);
  }

  setVariables(values: Variables): void {
    for (const [name, value] of Object.entries(values)) define(this.ownerOf(name).locals, name, value);
  }

  /** The nearest scope (this one included) that holds tokens of a sequence flow: not an activity's own. */
  flowScope(): Scope {
    return this.kind === 'instance' || this.kind === 'local' ? this.parent!.flowScope() : this;
  }

  root(): Scope {
    return this.parent ? this.parent.root() : this;
  }

  /** This scope and its parents, innermost first. */
  chain(): Scope[] {
    return this.parent ? [this, ...this.parent.chain()] : [this];
  }

  private ownerOf(name: string): Scope {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.captures || Object.prototype.hasOwnProperty.call(scope.locals, name)) return scope;
    }
    return this.root();
  }
}

/** Assignment that cannot reach the prototype, whatever the variable is called (`__proto__`). */
function define(target: Variables, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}
