/**
 * The slice of bpmnlint (11.x, CommonJS) the compiler uses. The package ships types for its rule
 * tester only (lib/types.d.ts, not reachable from its main entry), so the Linter is described here.
 */
declare module 'bpmnlint' {
  /** `'error'`, `'warn'`, `'off'` (or 2, 1, 0), optionally with rule options: `['error', {...}]`. */
  export type RuleConfig = string | number | [string | number, unknown?];

  export interface Config {
    extends?: string | string[];
    rules?: Record<string, RuleConfig>;
  }

  export interface RuleDefinition {
    meta?: { documentation?: { url?: string } };
    check: unknown;
  }

  export type RuleFactory = (ruleOptions?: unknown) => RuleDefinition;

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): RuleFactory | Promise<RuleFactory>;
    resolveConfig(pkg: string, configName: string): Config | Promise<Config>;
  }

  /**
   * One finding. `category` is the configured one (`error`, `warn`, `info`), or `rule-error` when
   * the rule itself threw (then only `message` is set).
   */
  export interface Report {
    id?: string;
    message: string;
    path?: string[];
    category: 'error' | 'warn' | 'info' | 'rule-error';
    meta?: RuleDefinition['meta'];
  }

  export class Linter {
    constructor(options: { config?: Config; resolver: Resolver });
    /** Reports keyed by rule name (only rules that reported something). */
    lint(moddleRoot: unknown, config?: Config): Promise<Record<string, Report[]>>;
  }
}

declare module 'bpmnlint/config/recommended' {
  const recommended: { rules: Record<string, string> };
  export = recommended;
}
