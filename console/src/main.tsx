import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { KeycloakProvider, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { CustosShell } from "./CustosShell";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { joinKeycloakRoutes } from "./routes";

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
          children: joinKeycloakRoutes(),
        },
      ])}
    />
  </StrictMode>,
);
