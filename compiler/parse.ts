import { DEFINITIONS_ID, describe, error, warning, type Problem } from './problem';
import { isElement, type ModdleElement } from './moddle';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export type ParseResult =
  | { ok: true; definitions: ModdleElement; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

interface ModdleWarning {
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

/** Past this many parser problems the rest are summarised; nobody reads a thousand. */
const MAX_PARSE_PROBLEMS = 50;

/** DOCTYPE and ENTITY declarations enable entity expansion bombs and external entities. */
const UNSAFE_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Reads BPMN XML into the moddle tree. Size and DOCTYPE checks run before any parsing; parser
 * warnings about ids and references are errors, because moddle drops or leaves unresolved whatever
 * it could not read and the engine must never run a partial model.
 */
export async function parseBpmn(xml: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseResult> {
  if (typeof xml !== 'string') {
    return fail(error('xml-syntax', DEFINITIONS_ID, 'the definition must be xml text'));
  }
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes) {
    return fail(error('xml-safety', DEFINITIONS_ID, `the file is ${size} bytes; the limit is ${maxBytes} bytes`));
  }
  const unsafe = UNSAFE_DECLARATION.exec(xml);
  if (unsafe) {
    const declaration = unsafe[1].toUpperCase();
    return fail(error('xml-safety', DEFINITIONS_ID, `<!${declaration}> declarations are not allowed (entity expansion and external entities)`));
  }

  let rootElement: unknown;
  let moddleWarnings: ModdleWarning[];
  try {
    const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
    ({ rootElement, warnings: moddleWarnings } = await moddle.fromXML(xml));
  } catch (err) {
    return fail(syntaxProblem(err, linesOf(xml)));
  }
  if (!isElement(rootElement) || rootElement.$type !== 'bpmn:Definitions') {
    return fail(error('xml-syntax', DEFINITIONS_ID, 'the root element must be <bpmn:definitions>'));
  }

  const lines = linesOf(xml);
  const problems = moddleWarnings.slice(0, MAX_PARSE_PROBLEMS).map((w) => warningProblem(w, lines));
  if (moddleWarnings.length > MAX_PARSE_PROBLEMS) {
    problems.push(error('xml-schema', DEFINITIONS_ID, `${moddleWarnings.length - MAX_PARSE_PROBLEMS} more problems in the xml are not listed`));
  }
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, definitions: rootElement, warnings: problems };
}


// helpers //////////

function fail(problem: Problem): ParseResult {
  return { ok: false, problems: [problem] };
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
type Lines = (line: number) => string;

function linesOf(xml: string): Lines {
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

/** The id of the element the parser stopped at, read from its tag in the source. */
function idAt(parsed: ParserMessage, lines: Lines): string {
  if (parsed.line !== undefined) {
    const tag = lines(parsed.line).slice((parsed.column ?? 1) - 1, (parsed.column ?? 1) + 1000);
    const id = /^<[^>]*?\bid="([^"]+)"/.exec(tag)?.[1];
    if (id) return id;
  }
  return DEFINITIONS_ID;
}

function syntaxProblem(err: unknown, lines: Lines): Problem {
  const raw = err instanceof Error ? err.message : String(err);
  // "failed to parse document as <bpmn:Definitions>" carries the useful detail in its warnings.
  const detail = (err as { warnings?: ModdleWarning[] } | null)?.warnings?.[0]?.message;
  const parsed = readParserMessage(raw.includes('unparsable content') || !detail ? raw : detail);
  const near = parsed.snippet ? ` near ${parsed.snippet.slice(0, 80)}` : '';
  return error('xml-syntax', idAt(parsed, lines), `the xml cannot be parsed: ${parsed.reason}${near}${location(parsed, lines)}`);
}

function warningProblem(w: ModdleWarning, lines: Lines): Problem {
  const duplicate = /duplicate ID <([^>]*)>/.exec(w.message);
  if (duplicate) {
    const parsed = readParserMessage(w.message);
    return error('duplicate-id', duplicate[1], `id "${duplicate[1]}" is used by more than one element${location(parsed, lines)}`);
  }
  const unresolved = /unresolved reference <([^>]*)>/.exec(w.message);
  if (unresolved) {
    const owner = isElement(w.element) ? w.element : undefined;
    const property = (w.property ?? 'a reference').replace(/^bpmn:/, '');
    const who = owner ? describe(owner) : 'an element';
    return error('references', owner?.id ?? DEFINITIONS_ID, `${who} refers to unknown id "${unresolved[1]}" in ${property}`);
  }
  if (/unsupported document encoding/.test(w.message)) {
    return warning('xml-encoding', DEFINITIONS_ID, w.message.toLowerCase());
  }
  // Anything else means moddle skipped part of the document (unknown element, bad attribute value).
  const parsed = readParserMessage(w.message);
  const what = parsed.snippet ? `${parsed.snippet.slice(0, 80)} ` : '';
  return error('xml-schema', idAt(parsed, lines), `${what}cannot be read: ${parsed.reason}${location(parsed, lines)}`);
}
