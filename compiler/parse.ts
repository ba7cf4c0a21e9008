import { DEFINITIONS_ID, describe, error, hasErrors, warning, type Problem } from './problem';
import { isElement, type ModdleElement } from './moddle';
import { OUT_OF_MEMORY_MESSAGE, readInWorker, type ReadWarning } from './parse-worker';
import { unprefixOwnReferences } from './qname-references';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Files above this size are read in a worker thread first (see parse-worker.ts). */
export const IN_PROCESS_BYTES = 128 * 1024;
export const DEFAULT_PARSE_TIMEOUT_MS = 10_000;

export interface ParseOptions {
  maxBytes?: number;
  /** Time allowed for reading a big file in the worker before it is rejected. */
  parseTimeoutMs?: number;
}

export type ParseResult =
  | { ok: true; definitions: ModdleElement; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export interface ModdleWarning {
  message: string;
  element?: unknown;
  property?: string;
  value?: unknown;
}

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<{ rootElement: unknown; warnings: ModdleWarning[] }>;
}

// bpmn-moddle is ESM-only and its typings are not reachable with node10 resolution, so we
// describe the one call we use. Node >= 20.19 and jest (via transform) can both require it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BpmnModdle } = require('bpmn-moddle') as {
  BpmnModdle: new (packages: Record<string, unknown>) => BpmnModdleInstance;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zeebeDescriptor = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const itoDescriptor = require('./ito-moddle.json') as Record<string, unknown>;

/**
 * The extension vocabularies the compiler reads: Camunda's zeebe and the engine's own `ito`
 * (namespace http://ito.ir/schema/bpmn/ito/1.0, described in ito-moddle.json).
 */
export const MODDLE_PACKAGES: Readonly<Record<string, Record<string, unknown>>> = { zeebe: zeebeDescriptor, ito: itoDescriptor };

/** Past this many parser problems the rest are summarised; nobody reads a thousand. */
const MAX_PARSE_PROBLEMS = 50;

/** DOCTYPE and ENTITY declarations enable entity expansion bombs and external entities. */
export const UNSAFE_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Reads BPMN XML into the moddle tree. Size and DOCTYPE checks run before any parsing; parser
 * warnings about ids and references are errors, because moddle drops or leaves unresolved whatever
 * it could not read and the engine must never run a partial model; a stale reference in the diagram
 * (BPMNDI) is a warning, since the diagram does not run.
 */
/**
 * The checks made before any XML parser sees the input: text at all, the size limit, and no
 * DOCTYPE or ENTITY declarations (entity expansion, external entities). Undefined when it may be read.
 */
export function refuseUnsafeInput(xml: unknown, maxBytes: number, what: string): Problem | undefined {
  if (typeof xml !== 'string') return error('xml-syntax', DEFINITIONS_ID, `${what} must be xml text`);
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) return error('xml-safety', DEFINITIONS_ID, `the file is ${size} bytes; the limit is ${maxBytes} bytes`);
  const unsafe = UNSAFE_DECLARATION.exec(xml);
  if (unsafe) return error('xml-safety', DEFINITIONS_ID, `<!${unsafe[1].toUpperCase()}> declarations are not allowed (entity expansion and external entities)`);
  return undefined;
}

export async function parseBpmn(input: string, options: ParseOptions = {}): Promise<ParseResult> {
  const { maxBytes = DEFAULT_MAX_BYTES, parseTimeoutMs = DEFAULT_PARSE_TIMEOUT_MS } = options;
  const refused = refuseUnsafeInput(input, maxBytes, 'the definition');
  if (refused) return fail(refused);
  const xml = unprefixOwnReferences(input);
  const size = Buffer.byteLength(xml, 'utf8');

  const lines = linesOf(xml);
  if (size > IN_PROCESS_BYTES) {
    const trial = await readInWorker(xml, { moddle: 'bpmn-moddle', exportName: 'BpmnModdle', packages: MODDLE_PACKAGES }, parseTimeoutMs);
    if (trial.kind === 'timeout') {
      return fail(error('xml-safety', DEFINITIONS_ID, `reading the xml took longer than ${parseTimeoutMs} ms; the file is too large or has too many mistakes`));
    }
    if (trial.kind === 'out-of-memory') return fail(error('xml-safety', DEFINITIONS_ID, OUT_OF_MEMORY_MESSAGE));
    if (trial.kind === 'failed') return fail(syntaxProblem(trial.message, trial.warnings, lines));
    const problems = toProblems(trial.warnings, lines);
    if (hasErrors(problems)) return { ok: false, problems };
  }

  let rootElement: unknown;
  let moddleWarnings: ModdleWarning[];
  try {
    const moddle = new BpmnModdle({ ...MODDLE_PACKAGES });
    ({ rootElement, warnings: moddleWarnings } = await moddle.fromXML(xml));
  } catch (err) {
    const failure = err as { message?: unknown; warnings?: ModdleWarning[] } | null;
    return fail(syntaxProblem(String(failure?.message ?? err), (failure?.warnings ?? []).map(plainWarning), lines));
  }
  if (!isElement(rootElement) || rootElement.$type !== 'bpmn:Definitions') {
    return fail(error('xml-syntax', DEFINITIONS_ID, 'the root element must be <bpmn:definitions>'));
  }

  const problems = toProblems(moddleWarnings.map(plainWarning), lines);
  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, definitions: rootElement, warnings: problems };
}


// helpers //////////

function fail(problem: Problem): ParseResult {
  return { ok: false, problems: [problem] };
}

export function plainWarning(w: ModdleWarning): ReadWarning {
  const element = isElement(w.element) ? w.element : undefined;
  return { message: w.message, elementType: element?.$type, elementId: element?.id, property: w.property };
}

export function toProblems(warnings: ReadWarning[], lines: Lines): Problem[] {
  const problems = warnings.slice(0, MAX_PARSE_PROBLEMS).map((w) => warningProblem(w, lines));
  if (warnings.length > MAX_PARSE_PROBLEMS) {
    problems.push(error('xml-schema', DEFINITIONS_ID, `${warnings.length - MAX_PARSE_PROBLEMS} more problems in the xml are not listed`));
  }
  return problems;
}

/**
 * moddle-xml reports `unparsable content <snippet> detected\n\tline: N\n\tcolumn: M\n\tnested error: why`
 * with zero-based line and column numbers.
 */
interface ParserMessage {
  snippet?: string;
  line?: number;
  column?: number;
  reason: string;
}

function readParserMessage(message: string): ParserMessage {
  const snippet = /unparsable content ([\s\S]*?) detected/.exec(message)?.[1];
  const line = /\bline: (\d+)/.exec(message)?.[1];
  const column = /\bcolumn: (\d+)/.exec(message)?.[1];
  const nested = /nested error: ([^\n]*)/.exec(message)?.[1];
  return {
    snippet: snippet?.trim() || undefined,
    line: line === undefined ? undefined : Number(line) + 1,
    column: column === undefined ? undefined : Number(column) + 1,
    reason: (nested ?? message.split('\n')[0]).trim(),
  };
}

/** Source lines, split once per file (a broken file can produce thousands of warnings). */
export type Lines = (line: number) => string;

export function linesOf(xml: string): Lines {
  let lines: string[] | undefined;
  return (line) => {
    lines ??= xml.split('\n');
    return lines[line - 1] ?? '';
  };
}

function location(parsed: ParserMessage, lines: Lines): string {
  if (parsed.line === undefined) return '';
  const column = parsed.column ?? 1;
  const line = lines(parsed.line);
  // quote the whole line when it is short, else the part where the parser stopped
  const excerpt = (line.length <= 160 ? line : line.slice(column - 1, column + 119)).trim();
  const quoted = excerpt ? `: "${excerpt.length > 120 ? `${excerpt.slice(0, 117)}...` : excerpt}"` : '';
  return ` at line ${parsed.line}, column ${column}${quoted}`;
}

/**
 * The id of the element the parser stopped at, read from its tag in the source; for stray text,
 * the nearest opening tag before it on the same line.
 */
function idAt(parsed: ParserMessage, lines: Lines): string {
  if (parsed.line === undefined) return DEFINITIONS_ID;
  const line = lines(parsed.line);
  let start = line.lastIndexOf('<', (parsed.column ?? 1) - 1);
  // lastIndexOf treats a negative position as 0, so stop explicitly at the start of the line
  while (start >= 0 && /^<[/!?]/.test(line.slice(start, start + 2))) start = start === 0 ? -1 : line.lastIndexOf('<', start - 1);
  const tag = start < 0 ? '' : line.slice(start, start + 1000);
  return /^<[^>]*?\bid="([^"]+)"/.exec(tag)?.[1] ?? DEFINITIONS_ID;
}

export function syntaxProblem(message: string, warnings: ReadWarning[], lines: Lines): Problem {
  // "failed to parse document as <bpmn:Definitions>" carries the useful detail in its warnings.
  const detail = message.includes('unparsable content') ? message : (warnings[0]?.message ?? message);
  const parsed = readParserMessage(detail);
  const near = parsed.snippet ? ` near ${parsed.snippet.slice(0, 80)}` : '';
  return error('xml-syntax', idAt(parsed, lines), `the xml cannot be parsed: ${parsed.reason}${near}${location(parsed, lines)}`);
}

function warningProblem(w: ReadWarning, lines: Lines): Problem {
  const duplicate = /duplicate ID <([^>]*)>/.exec(w.message);
  if (duplicate) {
    const parsed = readParserMessage(w.message);
    return error('duplicate-id', duplicate[1], `id "${duplicate[1]}" is used by more than one element${location(parsed, lines)}`);
  }
  const unresolved = /unresolved reference <([^>]*)>/.exec(w.message);
  if (unresolved) {
    const property = (w.property ?? 'a reference').replace(/^\w+:/, '');
    const who = w.elementType ? describe({ $type: w.elementType, id: w.elementId }) : 'an element';
    // the diagram is decoration: a stale shape or plane (its element deleted) leaves that shape
    // undrawn, not the process broken, so the model still deploys (as in Camunda 8)
    if (w.elementType?.startsWith('bpmndi:')) {
      return warning('references', w.elementId ?? DEFINITIONS_ID, `${who} of the diagram refers to unknown id "${unresolved[1]}" in ${property}: it is not drawn; the process is not affected`);
    }
    return error('references', w.elementId ?? DEFINITIONS_ID, `${who} refers to unknown id "${unresolved[1]}" in ${property}`);
  }
  if (/unsupported document encoding/.test(w.message)) {
    return warning('xml-encoding', DEFINITIONS_ID, w.message.toLowerCase());
  }
  // Anything else means moddle skipped part of the document (unknown element, bad attribute value).
  const parsed = readParserMessage(w.message);
  // for stray text moddle's snippet is cut oddly; the quoted source line says more
  const what = parsed.snippet?.startsWith('<') ? parsed.snippet.slice(0, 80) : 'the xml';
  return error('xml-schema', idAt(parsed, lines), `${what} cannot be read: ${parsed.reason}${location(parsed, lines)}`);
}
