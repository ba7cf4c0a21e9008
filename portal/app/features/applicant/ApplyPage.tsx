/**
 * Starting an application: the process's start form (form-js, from the BPMN), sent to
 * POST /api/applications; beside it the published decision time and the conditions a rejection
 * may cite. Values in the address (?certificateNumber=… for a renewal) prefill the form. After the
 * submit, the new application's page.
 */
import { Alert, Box, Card, CardContent, Chip, Grid, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/http';
import { session } from '../../api/session';
import { ActingForSelect } from '../feedback/AgentParts';
import { BiText } from '../../components/Bi';
import { BpmnForm } from '../../components/forms/BpmnForm';
import { EMPTY_FORM } from '../../components/forms/schema';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { fieldsOf } from './FormValues';
import { useStartInfo } from './hooks';
import { RENEWAL_FIELD, RENEWAL_PROCESS, workingDays, type StartInfo } from './model';
import { BiHeading, useNumber } from './parts';

/** Prefill from the address: only the start form's own text fields, so nothing else slips in. */
function prefillFrom(info: StartInfo, params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(info.form?.components)) {
    if (!f.key || !['textfield', 'textarea', 'select', 'radio'].includes(f.type)) continue;
    const v = params.get(f.key);
    if (v !== null && v.length <= 200) out[f.key] = v;
  }
  return out;
}

function Terms({ info }: { info: StartInfo }) {
  const translate = useTranslate();
  const num = useNumber();
  const days = workingDays(info.decisionTime?.within);
  return (
    <Card variant="outlined" component="aside" aria-labelledby="apply-terms">
      <CardContent>
        <BiHeading k="terms" id="apply-terms" />
        {days ? (
          <Alert severity="info" data-testid="decision-time" sx={{ mb: 2 }}>
            {translate('applicant.apply.decision_time', { days: num(days), smart_count: days })}
          </Alert>
        ) : null}
        {info.rejectionConditions.length ? (
          <Box data-testid="rejection-conditions">
            <Typography sx={{ fontWeight: 700, mb: 1 }}>{translate('applicant.apply.conditions', { count: num(info.rejectionConditions.length) })}</Typography>
            <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
              {info.rejectionConditions.map((c) => (
                <Typography component="li" variant="body2" key={c.code} data-code={c.code} sx={{ mb: 0.75 }}>
                  <BiText text={c.en ? `${c.fa} / ${c.en}` : c.fa} stack />
                </Typography>
              ))}
            </Box>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function ApplyPage() {
  const { key = '' } = useParams();
  const [params] = useSearchParams();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const info = useStartInfo(key);
  // an agent of a counter office names the company it applies for
  const agent = !!session.user()?.roles.includes('agent');
  const [company, setCompany] = useState('');

  if (info.isPending) return <Box sx={{ py: 2 }}><Title title={translate('applicant.apply.title')} /><LoadingBlock lines={8} /></Box>;
  if (info.error) return <Box sx={{ py: 2 }}><Title title={translate('applicant.apply.title')} /><ErrorNotice error={info.error} onRetry={() => info.refetch()} /></Box>;
  const { name, form, version, versionTag } = info.data;
  const prefill = prefillFrom(info.data, params);
  const renewing = key === RENEWAL_PROCESS && typeof prefill[RENEWAL_FIELD] === 'string';
  return (
    <Box sx={{ py: 2 }} data-testid="apply-page" data-key={key}>
      <Title title={translate('applicant.apply.title')} />
      <Box component="nav" aria-label={translate('applicant.show.breadcrumb')} sx={{ mb: 1, fontSize: '0.9rem' }}>
        <RouterLink to="/apply">{translate('applicant.h.new')}</RouterLink>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1"><BiText text={name ?? key} stack /></Typography>
        <Chip size="small" variant="outlined" label={`${translate('applicant.show.version')} ${versionTag ?? version}`} />
      </Box>
      {renewing ? <Alert severity="info" sx={{ mb: 2 }} data-testid="renewal-notice">{translate('applicant.apply.renewal', { number: String(prefill[RENEWAL_FIELD]) })}</Alert> : null}
      {info.data.startedBy === 'regulator' ? <Alert severity="warning" sx={{ mb: 2 }}>{translate('applicant.apply.regulator')}</Alert> : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Card>
            <CardContent>
              {agent ? <ActingForSelect value={company} onChange={setCompany} /> : null}
              {!form ? <Alert severity="info" sx={{ mb: 2 }} data-testid="no-start-form">{translate('applicant.apply.no_form')}</Alert> : null}
              <BpmnForm
                schema={form ?? EMPTY_FORM}
                data={prefill}
                submitLabel={translate('applicant.apply.submit')}
                testId="start-form"
                draftKey={`apply:${key}`}
                onSubmit={async (values) => {
                  const started = await api<{ trackingNumber: string }>('/api/applications', { body: { processKey: key, version, data: values, ...(agent ? { onBehalfOf: company } : {}) } });
                  notify('applicant.apply.done', { type: 'success', messageArgs: { trackingNumber: started.trackingNumber } });
                  await Promise.all([queryClient.invalidateQueries({ queryKey: ['applications'] }), queryClient.invalidateQueries({ queryKey: ['applicant', 'applications'] })]);
                  redirect(`/applications/${encodeURIComponent(started.trackingNumber)}/show`);
                }}
              />
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Terms info={info.data} />
        </Grid>
      </Grid>
    </Box>
  );
}
