/**
 * What a feature (one area of the portal: public pages, applicants, reviewers, administration)
 * contributes to the app. App.tsx and the providers only put these together; each feature keeps its
 * pages, data handlers and messages in its own folder.
 */
import type { ComponentType, ReactElement } from 'react';
import type { ResourceHandlers } from '../providers/dataProvider';

export interface FeatureResource {
  name: string;
  /** Roles the API requires for this resource; omitted = any signed-in user. */
  roles?: readonly string[];
  list?: ComponentType;
  show?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  recordRepresentation?: string;
}

export interface FeatureRoute {
  path: string;
  element: ReactElement;
  /** Roles that may open it; omitted = any signed-in user. */
  roles?: readonly string[];
}

export interface MenuEntry {
  to: string;
  /** A translation key of the entry's label. */
  label: string;
  icon: ComponentType;
  roles?: readonly string[];
  /** Menu section: where the entry is grouped ('personal': every signed-in user's own things). */
  section: 'personal' | 'applicant' | 'reviewer' | 'admin' | 'public';
  /** A live count shown beside the label (e.g. open tasks). */
  Badge?: ComponentType;
  /** Draws its child (the entry) only when it applies to the user now, beyond roles (e.g. has tasks). */
  Guard?: ComponentType<{ children: ReactElement }>;
}

export interface Messages {
  [key: string]: string | Messages;
}

export interface Feature {
  name: string;
  resources?: FeatureResource[];
  /** Pages inside the signed-in layout. */
  routes?: FeatureRoute[];
  /** Pages anyone may open, drawn in the public frame (masthead, footer, no menu). */
  publicRoutes?: FeatureRoute[];
  menu?: MenuEntry[];
  /** Cards on the signed-in home page, shown to the roles they name. */
  homeCards?: { roles?: readonly string[]; Card: ComponentType }[];
  data?: Record<string, ResourceHandlers>;
  messages: { fa: Messages; en: Messages };
}
