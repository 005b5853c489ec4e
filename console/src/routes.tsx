import { routes } from "@keycloak/keycloak-admin-ui";
import type { TFunction } from "i18next";
import { lazy } from "react";

type AppRouteObject = (typeof routes)[number];

const SharingPage = lazy(() => import("./sharing/SharingPage"));
const EntityPage = lazy(() => import("./sharing/EntityPage"));
const UserAccessPage = lazy(() => import("./sharing/UserAccessPage"));
const GroupsPage = lazy(() => import("./groups/GroupsPage"));
const AgentsPage = lazy(() => import("./agents/AgentsPage"));
const SecretsPage = lazy(() => import("./secrets/SecretsPage"));
const AuditPage = lazy(() => import("./audit/AuditPage"));

// Who may open a page is the server's decision (GET /custos); the console's gate lets every administrator in.
const route = (path: string, element: JSX.Element, crumb: string): AppRouteObject => ({
  path,
  element,
  handle: { access: "anyone", breadcrumb: (t: TFunction) => t(crumb) },
});

const custosRoutes: AppRouteObject[] = [
  route("/:realm/custos/sharing", <SharingPage />, "custosSharing"),
  route("/:realm/custos/sharing/:tab", <SharingPage />, "custosSharing"),
  route("/:realm/custos/sharing/entities/:id", <EntityPage />, "custosEntity"),
  route("/:realm/custos/access", <UserAccessPage />, "custosAccess"),
  route("/:realm/custos/groups", <GroupsPage />, "custosGroups"),
  route("/:realm/custos/agents", <AgentsPage />, "custosAgents"),
  route("/:realm/custos/secrets", <SecretsPage />, "custosSecrets"),
  route("/:realm/custos/audit", <AuditPage />, "custosAudit"),
];

/**
 * Keycloak's routes with the Custos pages among them, for the router: the Custos routes are put into admin-ui's
 * exported `routes` array itself (at its start, before its catch-all), which is the one place this function changes
 * admin-ui's state. admin-ui 26.7.3 exports no way to add pages: its breadcrumbs (PageBreadCrumbs) and its
 * navigation's access check read that module-level array, not the router's, so a page outside it has no breadcrumb.
 * Checked on upgrade by scripts/check-admin-ui-copies.mjs (admin-ui's routes.tsx and PageBreadCrumbs.tsx). Calling
 * it again changes nothing.
 */
export function joinKeycloakRoutes(): AppRouteObject[] {
  if (!routes.includes(custosRoutes[0])) {
    routes.unshift(...custosRoutes);
  }
  return routes;
}
