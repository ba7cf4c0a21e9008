import type { Tree } from '@lezer/common';
import { parseExpression, parseUnaryTests } from 'feelin';

/**
 * Checks FEEL syntax without evaluating anything (evaluation at deploy time could be made to run
 * for a long time). Returns a lower-case description of the first syntax error, or undefined.
 */
export function feelSyntaxError(expression: string): string | undefined {
  if (expression.trim() === '') return 'the expression is empty';
  return firstSyntaxError(parseExpression(expression, {}, undefined), expression);
}

/** The same check for FEEL unary tests (DMN input entries: `"gold"`, `>= 3`, `[1..5]`, `not("a")`, `-`). */
export function unaryTestsSyntaxError(tests: string): string | undefined {
  if (tests.trim() === '') return 'the unary tests are empty';
  return firstSyntaxError(parseUnaryTests(tests, {}, undefined), tests);
}

function firstSyntaxError(tree: Tree, expression: string): string | undefined {
  let found: { from: number; to: number } | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = { from: node.from, to: node.to };
      return undefined;
    },
  });
  if (!found) return undefined;
  if (found.from === found.to) {
    return found.from >= expression.length
      ? 'the expression ends unexpectedly'
      : `unexpected ${JSON.stringify(expression.slice(found.from, found.from + 10))} at position ${found.from + 1}`;
  }
  return `unexpected ${JSON.stringify(expression.slice(found.from, Math.min(found.to, found.from + 20)))} at position ${found.from + 1}`;
}
