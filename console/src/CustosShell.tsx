import {
  AdminClientProvider,
  AppContexts,
  ErrorRenderer,
  Header,
  PageBreadCrumbs,
} from "@keycloak/keycloak-admin-ui";
import {
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

/** admin-ui's own shell (its App), with the navigation that carries the Custos group. */
export const CustosShell = () => (
  <AdminClientProvider>
    <AppContexts>
      <CustosProvider>
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
      </CustosProvider>
    </AppContexts>
  </AdminClientProvider>
);
