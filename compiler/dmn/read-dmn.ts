import { DEFAULT_MAX_BYTES, DEFAULT_PARSE_TIMEOUT_MS, IN_PROCESS_BYTES, linesOf, refuseUnsafeInput, type Lines, type ModdleWarning, type ParseOptions, type ParseResult, plainWarning, syntaxProblem, toProblems } from '../parse';
import { DEFINITIONS_ID, error, hasErrors, type Problem } from '../problem';
import { isElement, type ModdleElement } from '../moddle';
import { OUT_OF_MEMORY_MESSAGE, readInWorker, type ReadWarning } from '../parse-worker';

/** The same limits as for BPMN: 5 MB, and files over 128 KB read first in a worker thread. */
export type ReadDmnOptions = ParseOptions;
export type ReadDmnResult = ParseResult;

interface DmnModdleInstance {
  fromXML(xml: string): Promise<{ rootElement: unknown; warnings: ModdleWarning[] }>;
}

// dmn-moddle is ESM-only and ships no typings; we describe the one call we use (see ../parse.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DmnModdle } = require('dmn-moddle') as { DmnModdle: new () => DmnModdleInstance };

/** dmn-moddle reads DMN 1.3. */
const DMN13_MODEL = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const DMN13_DMNDI = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';

/**
 * The model namespaces of DMN 1.1 to 1.5 (and the http/https spellings tools write). Decision
 * tables are the same in all of them, so their files are read as DMN 1.3, the way dmn-js's
 * migration does it; elements added after 1.3 then fail to read, with a problem naming them.
 */
const MODEL_NAMESPACE = /^https?:\/\/www\.omg\.org\/spec\/DMN\/(20151101\/dmn(11)?\.xsd|(20180521|20191111|20211108|20230324)\/MODEL\/?)$/;
const DMNDI_NAMESPACE = /^https?:\/\/www\.omg\.org\/spec\/DMN\/\d{8}\/DMNDI\/?$/;
const XMLNS_DECLARATION = /(\bxmlns(?::[\w.-]+)?\s*=\s*)(["'])([^"']*)\2/g;

/** Points every DMN 1.1–1.5 namespace declaration at DMN 1.3; other text is left as it is. */
export function asDmn13(xml: string): string {
  return xml.replace(XMLNS_DECLARATION, (declaration, prefix: string, quote: string, uri: string) => {
    if (MODEL_NAMESPACE.test(uri)) return `${prefix}${quote}${DMN13_MODEL}${quote}`;
    if (DMNDI_NAMESPACE.test(uri)) return `${prefix}${quote}${DMN13_DMNDI}${quote}`;
    return declaration;
  });
}

/**
 * Reads DMN XML into the dmn-moddle tree with the same defences and problem reporting as BPMN
 * (../parse.ts): size limit and DOCTYPE/ENTITY rejection before any parsing, big files read in a
 * worker first, and every moddle warning an error, because moddle drops what it cannot read.
 */
export async function readDmn(xml: string, options: ReadDmnOptions = {}): Promise<ReadDmnResult> {
  const { maxBytes = DEFAULT_MAX_BYTES, parseTimeoutMs = DEFAULT_PARSE_TIMEOUT_MS } = options;
  const refused = refuseUnsafeInput(xml, maxBytes, 'the decision file');
  if (refused) return fail(refused);
  const size = Buffer.byteLength(xml, 'utf8');

  const source = asDmn13(xml);
  const lines = withoutLeadingMarkup(linesOf(source));
  if (size > IN_PROCESS_BYTES) {
    const trial = await readInWorker(source, { moddle: 'dmn-moddle', exportName: 'DmnModdle' }, parseTimeoutMs);
    if (trial.kind === 'timeout') {
      return fail(error('xml-safety', DEFINITIONS_ID, `reading the xml took longer than ${parseTimeoutMs} ms; the file is too large or has too many mistakes`));
    }
    if (trial.kind === 'out-of-memory') return fail(error('xml-safety', DEFINITIONS_ID, OUT_OF_MEMORY_MESSAGE));
    if (trial.kind === 'failed') return fail(notDmn(trial.message, trial.warnings) ?? syntaxProblem(trial.message, trial.warnings, lines));
    const problems = toProblems(trial.warnings, lines);
    if (hasErrors(problems)) return { ok: false, problems };
  }

  let rootElement: unknown;
  let moddleWarnings: ModdleWarning[];
  try {
    ({ rootElement, warnings: moddleWarnings } = await new DmnModdle().fromXML(source));
  } catch (err) {
    const failure = err as { message?: unknown; warnings?: ModdleWarning[] } | null;
    const message = String(failure?.message ?? err);
    const warnings = (failure?.warnings ?? []).map(plainWarning);
    return fail(notDmn(message, warnings) ?? syntaxProblem(message, warnings, lines));
  }
  if (!isElement(rootElement) || rootElement.$type !== 'dmn:Definitions') return fail(rootProblem());

  const problems = toProblems(moddleWarnings.map(plainWarning), lines);
  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, definitions: rootElement, warnings: problems };
}


// helpers //////////

function fail(problem: Problem): ReadDmnResult {
  return { ok: false, problems: [problem] };
}

/**
 * Works around a hang in ../parse.ts: its idAt() walks back over `</`, `<!` and `<?` tags with
 * lastIndexOf('<', start - 1), which returns 0 again at the start of the line, so a syntax error
 * on a line that starts with such a tag (a truncated file, a one-line file after `<?xml ...?>`)
 * loops forever. Blanking that first `<` ends the walk; the quoted excerpt loses one character.
 */
function withoutLeadingMarkup(lines: Lines): Lines {
  return (line) => {
    const text = lines(line);
    return /^<[/!?]/.test(text) ? ` ${text.slice(1)}` : text;
  };
}

function rootProblem(): Problem {
  return error('xml-syntax', DEFINITIONS_ID, 'the root element must be <dmn:definitions> in a dmn 1.1 to 1.5 namespace');
}

/** moddle's answer for well-formed xml whose root is something else (another namespace or element). */
function notDmn(message: string, warnings: readonly ReadWarning[]): Problem | undefined {
  const rootRejected = message.startsWith('failed to parse document as <dmn:Definitions>') && /nested error: unexpected element/.test(warnings[0]?.message ?? '');
  return rootRejected ? rootProblem() : undefined;
}
