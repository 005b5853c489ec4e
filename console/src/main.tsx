import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { KeycloakProvider, routes, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { CustosShell } from "./CustosShell";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { custosRoutes } from "./routes";

// The Custos pages join Keycloak's routes (the same array its breadcrumbs read), before its catch-all.
routes.unshift(...custosRoutes);

await i18n.init();

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider
      router={createHashRouter([
        {
          path: "/",
          element: (
            <KeycloakProvider<AdminEnvironment> environment={environment}>
              <CustosShell />
            </KeycloakProvider>
          ),
          children: routes,
        },
      ])}
    />
  </StrictMode>,
);
