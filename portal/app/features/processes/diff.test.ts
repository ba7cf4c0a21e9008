/** The XML line diff of the process versions page: kept, removed and added lines with their numbers. */
import { hunks, lineDiff, linesOf } from './diff';

const ops = (a: string, b: string) => lineDiff(linesOf(a), linesOf(b)).map((l) => `${l.op}${l.text}`).join('|');

describe('lineDiff', () => {
  it('keeps equal texts whole', () => {
    expect(ops('a\nb\nc', 'a\nb\nc')).toBe(' a| b| c');
  });

  it('marks added, removed and replaced lines', () => {
    expect(ops('a\nb\nc', 'a\nx\nb\nc')).toBe(' a|+x| b| c');
    expect(ops('a\nb\nc', 'a\nc')).toBe(' a|-b| c');
    expect(ops('a\nb\nc', 'a\ny\nc')).toBe(' a|-b|+y| c');
    expect(ops('', 'a')).toBe('-|+a');
  });

  it('numbers lines of both sides', () => {
    const lines = lineDiff(['a', 'b', 'c'], ['a', 'c', 'd']);
    expect(lines).toEqual([
      { op: ' ', text: 'a', a: 1, b: 1 },
      { op: '-', text: 'b', a: 2 },
      { op: ' ', text: 'c', a: 3, b: 2 },
      { op: '+', text: 'd', b: 3 },
    ]);
  });

  it('finds a longest common subsequence in the middle', () => {
    const a = ['h', '1', '2', '3', '4', 't'];
    const b = ['h', '2', 'x', '4', '5', 't'];
    const kept = lineDiff(a, b).filter((l) => l.op === ' ').map((l) => l.text);
    expect(kept).toEqual(['h', '2', '4', 't']);
  });
});

describe('hunks', () => {
  it('keeps context lines around changes and counts what it skips', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[10] = 'changed';
    const found = hunks(lineDiff(a, b), 2);
    expect(found).toHaveLength(1);
    expect(found[0].skipped).toBe(8);
    expect(found[0].lines.map((l) => l.op + l.text)).toEqual([' l8', ' l9', '-l10', '+changed', ' l11', ' l12']);
  });
});
