import { ROWS, renderCoverage, testExists } from './bpmn-coverage';

describe('scripts/bpmn-coverage - the element coverage table', () => {
  it.each(ROWS.flatMap((row) => row.tests.map((test) => [row.element, test.file, test.title])))('%s: %s has the test it names', (_element, file, title) => {
    expect(testExists(file, title)).toBe(true);
  });

  it('marks a test passed or failed from jest results, and "not run" without them', () => {
    const results = [{ testResults: [{ name: '/x/test/engine/engine-semantics.test.ts', assertionResults: [{ title: 'link events jump from the throw to the catch of the same name', fullName: '', status: 'failed' }] }] }];
    const table = renderCoverage(results);
    expect(table).toContain('“link events jump from the throw to the catch of the same name” (failed)');
    expect(renderCoverage([])).toContain('(not run)');
  });
});
