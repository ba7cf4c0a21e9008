/** Starting an application: the process's start form (form-js, from the BPMN), sent to POST /api/applications. */
import { Box, Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { BiText } from '../../components/Bi';
import { BpmnForm, type FormSchema } from '../../components/forms/BpmnForm';
import { ErrorNotice, LoadingBlock } from '../../components/States';

interface StartInfo {
  key: string;
  version: number;
  name: string;
  form: FormSchema | null;
}

export function ApplyPage() {
  const { key = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const info = useQuery({ queryKey: ['start-form', key], queryFn: () => api<StartInfo>(`/api/definitions/${encodeURIComponent(key)}/start-form`) });

  if (info.isPending) return <LoadingBlock lines={8} />;
  if (info.error) return <ErrorNotice error={info.error} onRetry={() => info.refetch()} />;
  const { name, form, version } = info.data;
  return (
    <Box sx={{ py: 2, maxWidth: 900 }}>
      <Title title={translate('applicant.apply.title')} />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}><BiText text={name} stack /></Typography>
      <Card>
        <CardContent>
          {form ? (
            <BpmnForm
              schema={form}
              submitLabel={translate('applicant.apply.submit')}
              testId="start-form"
              onSubmit={async (values) => {
                const started = await api<{ trackingNumber: string }>('/api/applications', { body: { processKey: key, version, data: values } });
                notify('applicant.apply.done', { type: 'success', messageArgs: { trackingNumber: started.trackingNumber } });
                redirect(`/applications/${encodeURIComponent(started.trackingNumber)}/show`);
              }}
            />
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
}
