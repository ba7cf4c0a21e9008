import { formatCertificateNumber, mod3736CheckChar, parseCertificateNumber } from './certificate-number';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('certificates - certificate number', () => {
  describe('format', () => {
    it('formats family, Jalali year, zero-padded sequence and check character', () => {
      expect(formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 123 })).toBe('TA-1405-000123-7');
      expect(formatCertificateNumber({ family: 'AFS', jalaliYear: 1404, sequence: 1 })).toBe('AFS-1404-000001-B');
    });

    it('rejects a lowercase or too long family, a non four-digit year and an out-of-range sequence', () => {
      expect(() => formatCertificateNumber({ family: 'ta', jalaliYear: 1405, sequence: 1 })).toThrow(/family/);
      expect(() => formatCertificateNumber({ family: 'ABCDE', jalaliYear: 1405, sequence: 1 })).toThrow(/family/);
      expect(() => formatCertificateNumber({ family: 'TA', jalaliYear: 405, sequence: 1 })).toThrow(/jalaliYear/);
      expect(() => formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 0 })).toThrow(/sequence/);
      expect(() => formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 1_000_000 })).toThrow(/sequence/);
    });

    it('computes the ISO/IEC 7064 MOD 37,36 check so that re-running over payload plus check ends at 1', () => {
      // The standard's validity condition: processing payload + check leaves the running sum at 1.
      for (const payload of ['TA1405000123', 'DC1399999999', 'CLD1400000042']) {
        const withCheck = payload + mod3736CheckChar(payload);
        let product = 36;
        let sum = 0;
        for (const ch of withCheck) {
          sum = (product + ALPHANUMERIC.indexOf(ch)) % 36 || 36;
          product = (sum * 2) % 37;
        }
        expect(sum).toBe(1);
      }
    });
  });

  describe('parse', () => {
    it('round-trips a formatted number', () => {
      const number = formatCertificateNumber({ family: 'CLD', jalaliYear: 1406, sequence: 987654 });
      expect(parseCertificateNumber(number)).toEqual({ ok: true, family: 'CLD', jalaliYear: 1406, sequence: 987654, number });
    });

    it('accepts lowercase, surrounding spaces, Persian and Arabic-Indic digits and returns the canonical form', () => {
      expect(parseCertificateNumber('  ta-۱۴۰۵-۰۰۰۱۲۳-7 \n')).toMatchObject({ ok: true, number: 'TA-1405-000123-7' });
      expect(parseCertificateNumber('TA-١٤٠٥-٠٠٠١٢٣-٧')).toMatchObject({ ok: true, number: 'TA-1405-000123-7' });
      expect(parseCertificateNumber('TA–1405–000123–7')).toMatchObject({ ok: true, number: 'TA-1405-000123-7' });
    });

    it('reports a format problem for text that is not shaped like a number', () => {
      for (const text of ['', 'TA1405000123K', 'T-1405-000123-7', 'TA-14050-00123-7', 'TA-1405-000000-0', 'ТА-1405-000123-7']) {
        expect(parseCertificateNumber(text)).toMatchObject({ ok: false, reason: 'format' });
      }
    });

    it('detects every single mistyped character', () => {
      for (const number of ['TA-1405-000123-7', 'AFS-1404-000001-B', 'DC-1410-560017-' + mod3736CheckChar('DC1410560017')]) {
        expect(parseCertificateNumber(number).ok).toBe(true);
        for (let i = 0; i < number.length; i++) {
          if (number[i] === '-') continue;
          for (const replacement of ALPHANUMERIC) {
            if (replacement === number[i]) continue;
            const typo = number.slice(0, i) + replacement + number.slice(i + 1);
            expect({ typo, ok: parseCertificateNumber(typo).ok }).toEqual({ typo, ok: false });
          }
        }
      }
    });

    it('detects every transposition of two adjacent characters, hyphens skipped', () => {
      for (const number of ['TA-1405-000123-7', 'SA-1403-908172-' + mod3736CheckChar('SA1403908172')]) {
        const positions = [...number].map((ch, i) => (ch === '-' ? -1 : i)).filter((i) => i >= 0);
        for (let k = 0; k + 1 < positions.length; k++) {
          const [a, b] = [positions[k], positions[k + 1]];
          if (number[a] === number[b]) continue;
          const chars = [...number];
          [chars[a], chars[b]] = [chars[b], chars[a]];
          const swapped = chars.join('');
          expect({ swapped, ok: parseCertificateNumber(swapped).ok }).toEqual({ swapped, ok: false });
        }
      }
    });

    it('names the check character as the problem when only the check fails', () => {
      expect(parseCertificateNumber('TA-1405-000124-7')).toMatchObject({ ok: false, reason: 'check' });
    });
  });
});
