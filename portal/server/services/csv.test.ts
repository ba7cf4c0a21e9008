/** CSV cells a spreadsheet opens as text: quoted, quotes doubled, formulas defused; a BOM first. */
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes text, doubles quotes and leaves numbers and empty cells bare', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('شرکت\nپارس')).toBe('"شرکت\nپارس"');
  });

  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell('1-2')).toBe('"1-2"');
  });

  it('starts with a byte-order mark and ends rows with CRLF', () => {
    expect(toCsv(['a / الف'], [[1], ['x']])).toBe('\uFEFF"a / الف"\r\n1\r\n"x"\r\n');
  });
});
