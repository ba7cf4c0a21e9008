import { feelSyntaxError, unaryTestsSyntaxError } from './feel';

describe('compiler/feel', () => {
  it.each(['formalDecision = "complete"', 'amount > 1000 and not(vip)', 'count(items) >= 2', 'x in [1..5]', 'date("2024-01-01") < today()'])(
    'accepts %s',
    (expression) => {
      expect(feelSyntaxError(expression)).toBeUndefined();
    },
  );

  it.each([
    ['amount >', 'the expression ends unexpectedly'],
    ['', 'the expression is empty'],
    ['a + * b', 'unexpected "* b" at position 5'],
    ['"abc', 'unexpected "\\"" at position 1'],
    ['(a', 'the expression ends unexpectedly'],
  ])('rejects %j: %s', (expression, reason) => {
    expect(feelSyntaxError(expression)).toContain(reason);
  });
});

describe('compiler/feel unary tests', () => {
  it.each(['-', '"gold"', '"gold","silver"', '>= 3', '[1..5]', '(1..5]', 'not("a", "b")', '? > 3', 'null', 'date("2024-01-01")'])(
    'accepts %s',
    (tests) => {
      expect(unaryTestsSyntaxError(tests)).toBeUndefined();
    },
  );

  it.each([
    ['', 'the unary tests are empty'],
    ['[1..5', 'the expression ends unexpectedly'],
    ['>= ', 'the expression ends unexpectedly'],
    ['"abc', 'unexpected "\\"" at position 1'],
  ])('rejects %j: %s', (tests, reason) => {
    expect(unaryTestsSyntaxError(tests)).toContain(reason);
  });
});
