/**
 * The portal: one react-admin app for applicants, reviewers, the public and administrators. The
 * features (features/*) bring their resources, pages, menu entries, data handlers and words; this
 * file puts them together with the providers, the layouts and the direction of the language chosen.
 */
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, localStorageStore, Resource, StoreContextProvider, useStore, Authenticated } from 'react-admin';
import { FEATURES } from './features';
import type { Locale } from './i18n/i18nProvider';
import { createI18nProvider } from './i18n/i18nProvider';
import { HomePage } from './layout/HomePage';
import { LoginPage } from './layout/LoginPage';
import { PortalLayout } from './layout/PortalLayout';
import { PublicFrame } from './layout/PublicFrame';
import { RoleGate } from './layout/RoleGate';
import { SingleSignOnLanding } from './layout/SingleSignOnLanding';
import { createAuthProvider, type ResourceAccess } from './providers/authProvider';
import { createDataProvider } from './providers/dataProvider';
import { DirectionProvider, directionOf } from './theme/Direction';
import { portalTheme } from './theme/theme';

const store = localStorageStore('1', 'ito-portal');
const access: ResourceAccess = Object.fromEntries(FEATURES.flatMap((f) => f.resources ?? []).filter((r) => r.roles).map((r) => [r.name, r.roles!]));
const authProvider = createAuthProvider(access);
const dataProvider = createDataProvider(Object.assign({}, ...FEATURES.map((f) => f.data ?? {})));
const i18nProvider = createI18nProvider(FEATURES);
const themes = { rtl: portalTheme('rtl'), ltr: portalTheme('ltr') };

function PortalAdmin() {
  const [locale] = useStore<Locale>('locale', 'fa');
  const theme = themes[directionOf(locale)];
  return (
    <DirectionProvider locale={locale}>
      <Admin
        store={store}
        theme={theme}
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        layout={PortalLayout}
        loginPage={LoginPage}
        title="ITO"
        disableTelemetry
      >
        <CustomRoutes noLayout>
          <Route path="/login/oidc" element={<SingleSignOnLanding />} />
          {FEATURES.flatMap((f) => f.publicRoutes ?? []).map((r) => <Route key={r.path} path={r.path} element={<PublicFrame>{r.element}</PublicFrame>} />)}
        </CustomRoutes>
        <CustomRoutes>
          <Route path="/home" element={<Authenticated><HomePage /></Authenticated>} />
          {FEATURES.flatMap((f) => f.routes ?? []).map((r) => <Route key={r.path} path={r.path} element={<Authenticated><RoleGate roles={r.roles}>{r.element}</RoleGate></Authenticated>} />)}
        </CustomRoutes>
        {FEATURES.flatMap((f) => f.resources ?? []).map((r) => (
          <Resource key={r.name} name={r.name} list={r.list} show={r.show} create={r.create} edit={r.edit} recordRepresentation={r.recordRepresentation} />
        ))}
      </Admin>
    </DirectionProvider>
  );
}

export function App() {
  return (
    <StoreContextProvider value={store}>
      <PortalAdmin />
    </StoreContextProvider>
  );
}
