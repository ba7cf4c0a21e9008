/**
 * The portal's look: the colours, font and shapes of the earlier pages (navy brand, gold accent,
 * Vazirmatn), as an MUI theme per direction.
 */
import { createTheme, type Theme } from '@mui/material/styles';
import { defaultTheme } from 'react-admin';

export const BRAND = {
  brand: '#0b4468', brand2: '#0f5a86', ink: '#062a40', gold: '#c19a49', goldSoft: '#f3ead7',
  bg: '#eef1f5', line: '#d5dce5', text: '#1b2430', muted: '#556170',
  ok: '#17703f', okBg: '#e5f3ea', warn: '#8f5400', warnBg: '#fff3dc', err: '#b42318', errBg: '#fdecea', info: '#0f5a86', infoBg: '#e7f0f7',
} as const;

export const FONT = 'Vazirmatn, "Segoe UI", Tahoma, "Noto Sans Arabic", "DejaVu Sans", system-ui, sans-serif';

export function portalTheme(direction: 'rtl' | 'ltr'): Theme {
  return createTheme({
    ...defaultTheme,
    direction,
    palette: {
      mode: 'light',
      primary: { main: BRAND.brand, dark: BRAND.ink, light: BRAND.brand2, contrastText: '#fff' },
      secondary: { main: BRAND.gold, contrastText: BRAND.ink },
      success: { main: BRAND.ok },
      warning: { main: BRAND.warn },
      error: { main: BRAND.err },
      info: { main: BRAND.info },
      background: { default: BRAND.bg, paper: '#fff' },
      text: { primary: BRAND.text, secondary: BRAND.muted },
    },
    typography: { fontFamily: FONT, fontSize: 14 },
    shape: { borderRadius: 6 },
    components: {
      ...defaultTheme.components,
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 700 } } },
    },
  });
}
