/** The emblem and the bilingual name of the organisation and the system, as on every earlier page. */
import { Box, Typography } from '@mui/material';

export function Brand({ compact = false }: { compact?: boolean }) {
  const size = compact ? 40 : 58;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0 }}>
      <img src="/assets/emblem.svg" alt="" width={size} height={size} />
      <Box sx={{ minWidth: 0 }}>
        <Typography component={compact ? 'span' : 'h1'} data-testid="site-title" lang="fa" dir="rtl" sx={{ display: 'block', fontWeight: 700, fontSize: compact ? '1rem' : { xs: '1.05rem', sm: '1.3rem' }, lineHeight: 1.5, whiteSpace: compact ? 'nowrap' : 'normal', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          سازمان فناوری اطلاعات ایران <span aria-hidden="true">—</span> سامانه صدور مجوزها و گواهی‌ها
        </Typography>
        <Typography component="span" lang="en" dir="ltr" sx={{ display: 'block', fontSize: compact ? '0.75rem' : '0.85rem', opacity: 0.85, whiteSpace: compact ? 'nowrap' : 'normal', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          Information Technology Organization of Iran — ITO licensing and certification
        </Typography>
      </Box>
    </Box>
  );
}
