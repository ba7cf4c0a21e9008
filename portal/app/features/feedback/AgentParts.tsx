/**
 * What counter-office agents add to the applicant's pages: the company chooser on the apply page
 * (the authorisations in force of the agent's office) and the agent line on a history entry.
 */
import { Alert, MenuItem, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import type { AgentStamp, Authorisation } from './model';

export function ActingForSelect({ value, onChange }: { value: string; onChange: (nationalId: string) => void }) {
  const translate = useTranslate();
  const query = useQuery({ queryKey: ['feedback', 'authorisations'], queryFn: ({ signal }) => api<Authorisation[]>('/api/agents/authorisations', { signal }) });
  const companies = (query.data ?? []).filter((a) => a.inForce && a.company);
  if (query.data && !companies.length) return <Alert severity="warning" sx={{ mb: 2 }}>{translate('feedback.agents.empty_agent')}</Alert>;
  return (
    <TextField select fullWidth required sx={{ mb: 2 }} label={translate('feedback.agents.acting_for')} helperText={translate('feedback.agents.choose_company')}
      value={value} onChange={(e) => onChange(e.target.value)} data-testid="acting-for">
      {companies.map((a) => (
        <MenuItem key={a.id} value={a.company!.nationalId} data-value={a.company!.nationalId}>
          <bdi>{a.company!.nameFa}</bdi>&nbsp;<bdi dir="ltr">({a.contractNumber})</bdi>
        </MenuItem>
      ))}
    </TextField>
  );
}

export function AgentStampLine({ stamp }: { stamp: AgentStamp | null | undefined }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!stamp) return null;
  const office = locale === 'en' && stamp.officeNameEn ? stamp.officeNameEn : stamp.officeNameFa;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="history-agent" data-contract={stamp.contractNumber}>
      {translate('feedback.agents.by_agent', { office, contract: stamp.contractNumber })}
    </Typography>
  );
}
