import { isDmn } from './deploy-definition';

const DMN_ROOT = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d">';

describe('telling DMN from BPMN by the root element (on the API thread, for every upload)', () => {
  it('finds a DMN root after the XML declaration and comments, and not a BPMN one', () => {
    expect(isDmn(`<?xml version="1.0"?>\n<!-- a -->\n<!-- b -- c -->${DMN_ROOT}</definitions>`)).toBe(true);
    expect(isDmn('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>')).toBe(false);
  });

  it('answers a long run of comments before a non-DMN root at once (no exponential backtracking)', () => {
    // before the comment pattern excluded "-->", 28 comments took half a second and each one more doubled it
    expect(isDmn(`${'<!--a-->'.repeat(100_000)}<x`)).toBe(false);
    expect(isDmn(`${'<!--a-->'.repeat(100_000)}${DMN_ROOT}`)).toBe(true);
  });
});
