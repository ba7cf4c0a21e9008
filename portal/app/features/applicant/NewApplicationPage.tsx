/**
 * Starting an application: every deployed process an applicant starts (the regulator starts the
 * others: ito:startedBy), with a short description, the published decision time and the documents
 * its start form requires; each opens its apply page (/apply/<key>).
 */
import { Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Typography } from '@mui/material';
import { useQueries } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import type { FormComponent } from '../../components/forms/BpmnForm';
import { EmptyState, ErrorNotice, LoadingBlock } from '../../components/States';
import { fieldsOf } from './FormValues';
import { useDefinitions } from './hooks';
import { applicantStarts, workingDays, type DefinitionSummary, type StartInfo } from './model';
import { BiHeading, useNumber } from './parts';

/** The documents a start form asks for: its file fields, required first. */
function documentFields(info: StartInfo | undefined): FormComponent[] {
  return fieldsOf(info?.form?.components).filter((f) => f.type === 'filepicker').sort((a, b) => Number(!!(b.validate as { required?: boolean } | undefined)?.required) - Number(!!(a.validate as { required?: boolean } | undefined)?.required));
}

function FamilyCard({ def, info, pending }: { def: DefinitionSummary; info: StartInfo | undefined; pending: boolean }) {
  const translate = useTranslate();
  const num = useNumber();
  const days = workingDays(info?.decisionTime?.within);
  const docs = documentFields(info);
  const description = translate(`applicant.families.descriptions.${def.key}`, { _: '' });
  const headingId = `family-${def.key}`;
  return (
    <Card component="section" aria-labelledby={headingId} data-testid="family-card" data-key={def.key} sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flex: 1 }}>
        <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1 }}><BiText text={def.name ?? def.key} stack /></Typography>
        {description ? <Typography variant="body2" sx={{ mb: 1.5 }}>{description}</Typography> : null}
        <Box sx={{ minHeight: 72 }}>
          {pending ? <Skeleton variant="rounded" height={64} /> : (
            <>
              <Typography variant="body2" data-testid="family-decision-time" sx={{ mb: 1 }}>
                <strong>{translate('applicant.families.decision_time')}:</strong>{' '}
                {days ? translate('applicant.families.days', { days: num(days), smart_count: days }) : translate('applicant.families.no_decision_time')}
              </Typography>
              <Typography variant="body2" component="div" sx={{ fontWeight: 700 }}>{translate('applicant.families.documents')}:</Typography>
              {docs.length ? (
                <Box component="ul" sx={{ m: 0, mt: 0.5, paddingInlineStart: 2.5 }} data-testid="family-documents">
                  {docs.map((f) => (
                    <Typography component="li" variant="body2" key={f.key}>
                      <BiText text={f.label ?? f.key} />
                      {(f.validate as { required?: boolean } | undefined)?.required ? null : <Chip size="small" variant="outlined" label={translate('applicant.families.optional')} sx={{ marginInlineStart: 1, height: 20 }} />}
                    </Typography>
                  ))}
                </Box>
              ) : <Typography variant="body2" color="text.secondary">{translate('applicant.families.no_documents')}</Typography>}
            </>
          )}
        </Box>
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button component={RouterLink} to={`/apply/${encodeURIComponent(def.key)}`} variant="contained" data-testid="apply-family" aria-label={`${translate('applicant.families.apply')}: ${def.name ?? def.key}`}>
          {translate('applicant.families.apply')}
        </Button>
      </CardActions>
    </Card>
  );
}

export function NewApplicationPage() {
  const translate = useTranslate();
  const definitions = useDefinitions();
  const families = (definitions.data ?? []).filter(applicantStarts);
  const infos = useQueries({
    queries: families.map((d) => ({
      queryKey: ['applicant', 'start-form', d.key, 'latest'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<StartInfo>(`/api/definitions/${encodeURIComponent(d.key)}/start-form`, { signal }),
      staleTime: 60_000,
    })),
  });
  return (
    <Box sx={{ py: 2 }} data-testid="new-application-page">
      <Title title={translate('applicant.h.new')} />
      <BiHeading k="new" component="h1" variant="h5" />
      <Typography sx={{ mb: 2, maxWidth: 760 }}>{translate('applicant.families.intro')}</Typography>
      {definitions.isPending ? <LoadingBlock lines={4} height={120} /> : definitions.error ? <ErrorNotice error={definitions.error} onRetry={() => definitions.refetch()} /> : !families.length ? (
        <EmptyState testId="families-empty" title={translate('applicant.families.empty')} hint={translate('applicant.families.empty_hint')} />
      ) : (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))' }}>
          {families.map((d, i) => <FamilyCard key={d.key} def={d} info={infos[i]?.data} pending={!!infos[i]?.isPending} />)}
        </Box>
      )}
    </Box>
  );
}
