import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { PortalAppBar } from './PortalAppBar';
import { PortalMenu } from './PortalMenu';
import { useFreshRoles } from './useFreshRoles';

export function PortalLayout({ children }: { children: ReactNode }) {
  useFreshRoles();
  return <Layout appBar={PortalAppBar} menu={PortalMenu}>{children}</Layout>;
}
