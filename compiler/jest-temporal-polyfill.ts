/**
 * Test-only. feelin 8 imports temporal-polyfill, an ESM-only package that jest.config.js does not
 * transform yet (transformIgnorePatterns still names luxon, which feelin 7 used). Test files that
 * load feelin mock the module with this loader:
 *
 *   jest.mock('temporal-polyfill', () => require('<path>/compiler/jest-temporal-polyfill').loadTemporalPolyfill());
 *
 * It returns the real polyfill once jest can load it, and until then empty Temporal classes: enough
 * for FEEL without date and time values, which is all these tests evaluate.
 */
export function loadTemporalPolyfill(): unknown {
  try {
    return jest.requireActual('temporal-polyfill');
  } catch {
    return { Temporal: stubTemporal() };
  }
}

function stubTemporal(): Record<string, unknown> {
  class Unavailable {
    constructor() {
      throw new Error('temporal-polyfill is not loadable under this jest config');
    }
  }
  // feelin builds one reference date when it loads; nothing else touches Temporal before use.
  class PlainDate extends Unavailable {
    static from(): { toString(): string } {
      return { toString: () => '1970-01-01' };
    }
  }
  return { PlainDate, PlainTime: Unavailable, PlainDateTime: Unavailable, ZonedDateTime: Unavailable, Duration: Unavailable, Instant: Unavailable };
}
