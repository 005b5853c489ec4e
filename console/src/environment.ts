import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

// Parsed from <script id="environment"> rendered by keycloak.v2/admin/index.ftl
export const environment = getInjectedEnvironment<AdminEnvironment>();
