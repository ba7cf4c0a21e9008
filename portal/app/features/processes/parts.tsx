/** Small pieces the process pages share: bilingual headings from messages, who starts a process. */
import { useTranslate } from 'react-admin';
import { BiText, splitBilingual } from '../../components/Bi';
import { StatusChip } from '../../components/StatusChip';
import { hasRole, session } from '../../api/session';

export { BiHeading } from '../../components/BiHeading';

export function StartedByChip({ value }: { value: string }) {
  const translate = useTranslate();
  return <StatusChip label={translate(`processes.started_by.${value}`, { _: value })} tone={value === 'regulator' ? 'info' : 'grey'} testId="started-by" value={value} />;
}

/** Check and deploy are for administrators (POST /api/definitions*, requireRole('admin')). */
export const isAdmin = (): boolean => hasRole(session.user(), 'admin');

export const definitionPath = (key: string, version?: number) => `/definitions/${encodeURIComponent(key)}/show${version ? `?version=${version}` : ''}`;
export const editorPath = (key?: string, version?: number) => (key ? `/processes/edit/${encodeURIComponent(key)}${version ? `/${version}` : ''}` : '/processes/new');
export const diffPath = (key: string, a?: number, b?: number) => `/processes/${encodeURIComponent(key)}/diff${a && b ? `?a=${a}&b=${b}` : ''}`;

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } as const;

/** A name from the BPMN: "فارسی / English" as both languages, anything else as written. */
export function NameText({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return <span dir="auto">{splitBilingual(text)[1] ? <BiText text={text} /> : text}</span>;
}
