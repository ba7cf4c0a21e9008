/**
 * The side menu: the entries every feature offers, grouped by who they are for, shown only to the
 * roles the API lets in (the same roles the routes require).
 */
import HomeIcon from '@mui/icons-material/HomeOutlined';
import { ListSubheader } from '@mui/material';
import { Fragment } from 'react';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { useSessionUser, type SessionUser } from '../api/session';
import { FEATURES } from '../features';
import type { MenuEntry } from '../features/types';

const SECTIONS: MenuEntry['section'][] = ['personal', 'applicant', 'reviewer', 'admin', 'public'];

/** Whether the user holds one of the roles (no roles named: any signed-in user). */
export const allowed = (roles: readonly string[] | undefined, user: SessionUser | null): boolean => {
  if (!roles) return !!user;
  return !!user && user.roles.some((r) => roles.includes(r));
};

export function PortalMenu() {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const user = useSessionUser();
  const entries = FEATURES.flatMap((f) => f.menu ?? []).filter((e) => allowed(e.roles, user));
  return (
    <Menu data-testid="portal-menu" data-roles={user?.roles.join(' ') ?? ''}>
      <Menu.Item to="/home" primaryText={translate('ito.home')} leftIcon={<HomeIcon />} data-testid="nav-home" />
      {SECTIONS.map((section) => {
        const items = entries.filter((e) => e.section === section);
        if (!items.length) return null;
        return (
          <Fragment key={section}>
            {open ? <ListSubheader role="presentation" disableSticky sx={{ background: 'transparent', lineHeight: 2.5 }}>{translate(`ito.sections.${section}`)}</ListSubheader> : null}
            {items.map((e) => {
              const item = <Menu.Item key={e.to} to={e.to} primaryText={<>{translate(e.label)}{e.Badge ? <e.Badge /> : null}</>} leftIcon={<e.icon />} data-testid={`nav-${e.to.replace(/^\//, '').replace(/\//g, '-')}`} />;
              return e.Guard ? <e.Guard key={e.to}>{item}</e.Guard> : item;
            })}
          </Fragment>
        );
      })}
    </Menu>
  );
}
