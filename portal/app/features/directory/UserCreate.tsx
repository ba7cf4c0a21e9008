/**
 * A new account (administrators): a company (applicant) account with its organisation — the legal
 * national ID checked while typing with the server's own check — a reviewer with their groups, or
 * an administrator (a counter office's agent is made on the office's page). The API's refusals are shown on the fields they concern.
 */
import { Box, Button, Card, CardContent, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/http';
import { ErrorNotice } from '../../components/States';
import { isValidLegalEntityId, normaliseLegalEntityId } from '../../../server/services/legal-entity-id';
import { BackButton } from './BackButton';
import type { Role, UserRow } from './model';
import { BiHeading } from './parts';
import { useGroupChoices } from './UserList';

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

export function UserCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const groups = useGroupChoices();
  const [role, setRole] = useState<Role>('applicant');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [nationalId, setNationalId] = useState('');
  const [nameFa, setNameFa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const idNormal = normaliseLegalEntityId(nationalId);
  const idProblem = role === 'applicant' && nationalId !== '' && !isValidLegalEntityId(idNormal) ? translate('directory.users.org_national_id_invalid') : fieldErrors['organisation.nationalId'];
  const usernameProblem = username !== '' && !USERNAME.test(username) ? translate('directory.users.username_hint') : undefined;
  const valid = USERNAME.test(username) && displayName.trim().length >= 2 && password.length >= 8 && (role !== 'applicant' || isValidLegalEntityId(idNormal));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        username, displayName: displayName.trim(), password, role,
        ...(role === 'applicant' ? { organisation: { nationalId: idNormal, ...(nameFa.trim() ? { nameFa: nameFa.trim() } : {}), ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}) } } : {}),
        ...(role === 'reviewer' && chosen.length ? { groups: chosen } : {}),
      };
      const user = await api<UserRow>('/api/users', { body });
      notify('directory.users.created', { type: 'success', messageArgs: { username: user.username } });
      navigate(`/users/${encodeURIComponent(user.id)}/show`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = (value: string) => touched && value.trim() === '';
  return (
    <Box sx={{ pt: 2, maxWidth: 760 }}>
      <Title title={translate('directory.users.create_title')} />
      <BackButton to="/users" />
      <BiHeading k="directory.users.create_title" component="h1" variant="h5" />
      <Card variant="outlined">
        <CardContent>
          <Box component="form" noValidate onSubmit={submit} data-testid="user-create-form">
            <Stack spacing={2.5}>
              <FormControl>
                <FormLabel id="kind-label">{translate('directory.users.kind')}</FormLabel>
                <RadioGroup row aria-labelledby="kind-label" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  <FormControlLabel value="applicant" control={<Radio slotProps={{ input: { 'data-testid': 'kind-applicant' } as object }} />} label={translate('directory.users.kind_applicant')} />
                  <FormControlLabel value="reviewer" control={<Radio slotProps={{ input: { 'data-testid': 'kind-reviewer' } as object }} />} label={translate('directory.users.kind_reviewer')} />
                  <FormControlLabel value="admin" control={<Radio slotProps={{ input: { 'data-testid': 'kind-admin' } as object }} />} label={translate('directory.users.kind_admin')} />
                </RadioGroup>
                <FormHelperText>{translate(`directory.users.kind_hint.${role}`)}</FormHelperText>
                <FormHelperText><Link to="/counter-offices" data-testid="agent-accounts-link">{translate('directory.users.agent_hint')}</Link></FormHelperText>
              </FormControl>
              <TextField
                id="user-username" label={translate('resources.users.fields.username')} value={username} required
                onChange={(e) => setUsername(e.target.value.trim())}
                error={!!usernameProblem || required(username) || !!fieldErrors.username}
                helperText={fieldErrors.username ?? translate('directory.users.username_hint')}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-testid': 'user-username', dir: 'ltr', maxLength: 40, spellCheck: false } }}
              />
              <TextField
                id="user-display-name" label={translate('resources.users.fields.displayName')} value={displayName} required
                onChange={(e) => setDisplayName(e.target.value)}
                error={required(displayName) || !!fieldErrors.displayName}
                helperText={fieldErrors.displayName ?? translate('directory.users.display_hint')}
                slotProps={{ htmlInput: { 'data-testid': 'user-display-name', dir: 'auto', maxLength: 200 } }}
              />
              <TextField
                id="user-password" type="password" label={translate('directory.users.password')} value={password} required
                onChange={(e) => setPassword(e.target.value)}
                error={(touched && password.length < 8) || !!fieldErrors.password}
                helperText={fieldErrors.password ?? translate('directory.users.password_hint')}
                autoComplete="new-password"
                slotProps={{ htmlInput: { 'data-testid': 'user-password', dir: 'ltr', maxLength: 200 } }}
              />
              {role === 'applicant' ? (
                <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}>
                  <Box component="legend" sx={{ px: 0.5 }}><BiHeading k="directory.users.org" component="h2" variant="subtitle1" /></Box>
                  <Stack spacing={2}>
                    <TextField
                      id="org-national-id" label={translate('directory.users.org_national_id')} value={nationalId} required
                      onChange={(e) => setNationalId(e.target.value)}
                      error={!!idProblem || required(nationalId)}
                      helperText={idProblem ?? translate('directory.users.org_national_id_hint')}
                      slotProps={{ htmlInput: { 'data-testid': 'org-national-id', dir: 'ltr', inputMode: 'numeric', maxLength: 20 } }}
                    />
                    <TextField
                      id="org-name-fa" label={translate('directory.users.org_name_fa')} value={nameFa}
                      onChange={(e) => setNameFa(e.target.value)}
                      error={!!fieldErrors['organisation.nameFa']}
                      helperText={fieldErrors['organisation.nameFa'] ?? translate('directory.users.org_name_hint')}
                      slotProps={{ htmlInput: { 'data-testid': 'org-name-fa', dir: 'rtl', lang: 'fa', maxLength: 200 } }}
                    />
                    <TextField
                      id="org-name-en" label={translate('directory.users.org_name_en')} value={nameEn}
                      onChange={(e) => setNameEn(e.target.value)}
                      slotProps={{ htmlInput: { 'data-testid': 'org-name-en', dir: 'ltr', lang: 'en', maxLength: 200 } }}
                    />
                  </Stack>
                </Box>
              ) : null}
              {role === 'reviewer' ? (
                <FormControl component="fieldset" variant="standard">
                  <FormLabel component="legend">{translate('directory.users.initial_groups')}</FormLabel>
                  <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                    {groups.map((g) => (
                      <FormControlLabel
                        key={g.id}
                        control={<Checkbox checked={chosen.includes(g.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, g.id] : chosen.filter((c) => c !== g.id))} slotProps={{ input: { 'data-testid': `group-${g.id}` } as object }} />}
                        label={<span dir="auto">{g.nameFa}<Box component="span" lang="en" dir="ltr" sx={{ color: 'text.secondary', fontSize: '0.85em', marginInlineStart: 1 }}>{g.nameEn}</Box></span>}
                      />
                    ))}
                  </FormGroup>
                  <FormHelperText>{translate('directory.users.groups_hint')}</FormHelperText>
                </FormControl>
              ) : null}
              {error ? <ErrorNotice error={error} /> : null}
              <Box>
                <Button type="submit" variant="contained" disabled={busy} data-testid="user-create-submit">{translate('directory.users.create')}</Button>
              </Box>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
