import { AdminClientProvider, AppContexts, ErrorRenderer, Header, PageBreadCrumbs } from "@keycloak/keycloak-admin-ui";
import {
  AlertProvider,
  ErrorBoundaryFallback,
  ErrorBoundaryProvider,
  KeycloakSpinner,
  mainPageContentId,
} from "@keycloak/keycloak-ui-shared";
import { Page } from "@patternfly/react-core";
import { Suspense } from "react";
import { Outlet } from "react-router-dom";
import { AuthWall } from "./AuthWall";
import { CustosProvider } from "./context";
import { CustosNav } from "./CustosNav";

/**
 * admin-ui's shell with the navigation that carries the Custos group (CustosNav) and the Custos pages' context.
 * Copied from @keycloak/keycloak-admin-ui 26.7.3, js/apps/admin-ui/src/App.tsx (App), whose sidebar cannot be
 * swapped; scripts/check-admin-ui-copies.mjs fails the build when the installed admin-ui is another version. Unlike
 * App: no Banners (the temporary-admin warning; admin-ui does not export it), no clean-up of a trailing "#/" in the
 * address, and a page's error boundary of its own, so a failing page keeps the header and the navigation.
 *
 * admin-ui's package carries its own copy of ui-shared: its providers (KeycloakProvider's alerts, AppContexts' error
 * boundary) serve admin-ui's pages, not hooks imported from @keycloak/keycloak-ui-shared. The Custos pages' hooks
 * (useAlerts, useFetch) get theirs here: AlertProvider and the page's ErrorBoundaryProvider.
 */
export const CustosShell = () => (
  <AdminClientProvider>
    <AppContexts>
      <CustosProvider>
        <AlertProvider>
          <Page
            header={<Header />}
            isManagedSidebar
            sidebar={<CustosNav />}
            breadcrumb={<PageBreadCrumbs />}
            mainContainerId={mainPageContentId}
          >
            <ErrorBoundaryProvider>
              <ErrorBoundaryFallback fallback={ErrorRenderer}>
                <Suspense fallback={<KeycloakSpinner />}>
                  <AuthWall>
                    <Outlet />
                  </AuthWall>
                </Suspense>
              </ErrorBoundaryFallback>
            </ErrorBoundaryProvider>
          </Page>
        </AlertProvider>
      </CustosProvider>
    </AppContexts>
  </AdminClientProvider>
);
