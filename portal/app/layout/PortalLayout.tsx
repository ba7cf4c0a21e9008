import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { PortalAppBar } from './PortalAppBar';
import { PortalMenu } from './PortalMenu';

export function PortalLayout({ children }: { children: ReactNode }) {
  return <Layout appBar={PortalAppBar} menu={PortalMenu}>{children}</Layout>;
}
