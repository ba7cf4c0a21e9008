import { evaluate, parseUnaryTests } from 'feelin';
import { unaryTestsSyntaxError } from '../feel';

export type OutputValuesResult = { ok: true; values: string[] } | { ok: false; reason: string };

/**
 * An output clause's `outputValues` (`"gold","silver","bronze"` or `1, 2, 3`) as the plain values
 * the PRIORITY and OUTPUT ORDER hit policies rank by, highest priority first: strings without their
 * quotes, numbers in JavaScript's canonical form (`2.50` → `2.5`). Only literal lists can rank.
 */
export function readOutputValues(text: string): OutputValuesResult {
  const syntax = unaryTestsSyntaxError(text);
  if (syntax) return { ok: false, reason: syntax };
  const tests = parseUnaryTests(text, {}, undefined).topNode.firstChild;
  if (tests?.name !== 'PositiveUnaryTests') return { ok: false, reason: 'they must be a list of strings or numbers' };
  const values: string[] = [];
  for (let test = tests.firstChild; test; test = test.nextSibling) {
    const literal = test.firstChild;
    if (test.name !== 'PositiveUnaryTest' || !literal || literal.nextSibling) return { ok: false, reason: 'they must be a list of strings or numbers' };
    const source = text.slice(literal.from, literal.to);
    if (literal.name === 'NumericLiteral') values.push(String(Number(source)));
    // a single literal cannot loop or call anything: evaluating it only unescapes the string
    else if (literal.name === 'StringLiteral') values.push(String(evaluate(source).value));
    else return { ok: false, reason: `${JSON.stringify(source)} is not a string or number literal` };
  }
  if (new Set(values).size !== values.length) return { ok: false, reason: 'a value is listed twice' };
  return { ok: true, values };
}
