/**
 * What an administrator does to an instance: cancel it with a reason, migrate it to another version
 * (each waiting element mapped to one of the target's), open it in the Temporal Web UI. Retrying an
 * incident is on the incident itself (InstanceShow). The API's refusals are shown in its words.
 */
import CancelIcon from '@mui/icons-material/CancelOutlined';
import MigrateIcon from '@mui/icons-material/MoveDownOutlined';
import OpenIcon from '@mui/icons-material/OpenInNew';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http';
import { splitBilingual } from '../../components/Bi';
import { ReasonDialog } from '../../components/ReasonDialog';
import { ErrorNotice, LoadingBlock } from '../../components/States';
import { elementName, useVersion } from './InstanceDiagram';
import { temporalWorkflowUrl, type InstanceDetail, type OperationsInfo } from './model';

let infoOnce: Promise<OperationsInfo> | undefined;
function useOperationsInfo(): OperationsInfo | undefined {
  const [info, setInfo] = useState<OperationsInfo>();
  useEffect(() => {
    infoOnce ??= api<OperationsInfo>('/api/operations/info');
    infoOnce.then(setInfo, () => {
      infoOnce = undefined; // no link this time; asked again on the next page
    });
  }, []);
  return info;
}

const label = (text: string) => splitBilingual(text).filter(Boolean).join(' / ');

function CancelDialog({ instance, open, onClose, onDone }: { instance: InstanceDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const cancel = async (reason: string) => {
    await api(`/api/applications/${encodeURIComponent(instance.trackingNumber)}/cancel`, { body: { reason } });
    notify('operations.show.cancel_requested', { type: 'info' });
    onDone();
    onClose();
  };
  return (
    <ReasonDialog
      open={open}
      testId="cancel"
      title={translate('operations.show.cancel_title', { tracking: instance.trackingNumber })}
      text={translate('operations.show.cancel_text')}
      reasonLabel={translate('operations.show.cancel_reason')}
      reasonHint={translate('operations.show.cancel_reason_hint')}
      minLength={3}
      confirmLabel={translate('operations.show.cancel_confirm')}
      closeLabel={translate('operations.show.close')}
      onConfirm={cancel}
      onClose={onClose}
    />
  );
}

function MigrateDialog({ instance, open, onClose, onDone }: { instance: InstanceDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const others = instance.versions.filter((v) => v.version !== instance.processVersion);
  const [target, setTarget] = useState<number | ''>(others[0]?.version ?? '');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const current = useVersion(instance.processKey, instance.processVersion);
  const targetView = useVersion(instance.processKey, target || instance.processVersion);
  const activeIds = Object.keys(instance.diagram.active);
  const targetElements = useMemo(
    () => Object.values(targetView.view?.graph.elements ?? {}).filter((e) => e.kind !== 'sequenceFlow').sort((a, b) => a.id.localeCompare(b.id)),
    [targetView.view],
  );
  // each waiting element maps to the element of the same id when the target has one
  useEffect(() => {
    if (!targetView.view) return;
    setMapping(Object.fromEntries(activeIds.map((id) => [id, targetView.view!.graph.elements[id] ? id : ''])));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the target version is read
  }, [targetView.view]);
  const complete = activeIds.length > 0 && activeIds.every((id) => mapping[id]);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/applications/${encodeURIComponent(instance.trackingNumber)}/migrate`, { body: { version: target, mapping } });
      notify('operations.show.migrated', { type: 'info', messageArgs: { version: target } });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="migrate-title" fullWidth maxWidth="sm">
      <DialogTitle id="migrate-title">{translate('operations.show.migrate_title', { tracking: instance.trackingNumber })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('operations.show.migrate_text')}</DialogContentText>
        {!others.length ? <DialogContentText>{translate('operations.show.no_other_versions')}</DialogContentText> : (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              select
              id="migrate-version"
              label={translate('operations.show.migrate_target')}
              value={target}
              onChange={(e) => setTarget(Number(e.target.value))}
              slotProps={{ htmlInput: { 'data-testid': 'migrate-version' } }}
            >
              {others.map((v) => (
                <MenuItem key={v.version} value={v.version}>{`v${v.version}${v.versionTag ? ` (${v.versionTag})` : ''}`}</MenuItem>
              ))}
            </TextField>
            {!activeIds.length ? <DialogContentText>{translate('operations.show.no_active')}</DialogContentText> : null}
            {targetView.error ? <ErrorNotice error={targetView.error} /> : !targetView.view ? <LoadingBlock lines={activeIds.length || 1} height={48} /> : activeIds.map((id) => (
              <TextField
                key={id}
                select
                id={`migrate-map-${id}`}
                label={translate('operations.show.migrate_for', { element: label(elementName(current.view, id)) })}
                value={mapping[id] ?? ''}
                onChange={(e) => setMapping((m) => ({ ...m, [id]: e.target.value }))}
                slotProps={{ htmlInput: { 'data-testid': `migrate-map-${id}` } }}
              >
                {targetElements.map((e) => (
                  <MenuItem key={e.id} value={e.id}>{`${label(e.name || e.id)} · ${e.id}`}</MenuItem>
                ))}
              </TextField>
            ))}
          </Stack>
        )}
        {error ? <ErrorNotice error={error} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('operations.show.close')}</Button>
        <Button variant="contained" disabled={!target || !complete || busy} onClick={submit} data-testid="migrate-confirm">{translate('operations.show.migrate_confirm')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function InstanceActions({ instance, onChanged }: { instance: InstanceDetail; onChanged: () => void }) {
  const translate = useTranslate();
  const info = useOperationsInfo();
  const [dialog, setDialog] = useState<'cancel' | 'migrate' | null>(null);
  const running = instance.state === 'running' || instance.state === 'incident';
  const temporalUrl = info ? temporalWorkflowUrl(info, instance.trackingNumber) : null;
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" aria-label={translate('operations.show.actions')} role="group">
      {running ? (
        <Button variant="outlined" startIcon={<MigrateIcon />} onClick={() => setDialog('migrate')} data-testid="migrate-open">{translate('operations.show.migrate')}</Button>
      ) : null}
      {running ? (
        <Button variant="outlined" color="error" startIcon={<CancelIcon />} onClick={() => setDialog('cancel')} data-testid="cancel-open">{translate('operations.show.cancel')}</Button>
      ) : null}
      {temporalUrl ? (
        <Button component="a" href={temporalUrl} target="_blank" rel="noopener noreferrer" startIcon={<OpenIcon />} data-testid="temporal-link">{translate('operations.show.temporal')}</Button>
      ) : null}
      {dialog === 'cancel' ? <CancelDialog instance={instance} open onClose={() => setDialog(null)} onDone={onChanged} /> : null}
      {dialog === 'migrate' ? <MigrateDialog instance={instance} open onClose={() => setDialog(null)} onDone={onChanged} /> : null}
    </Stack>
  );
}
