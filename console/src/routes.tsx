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

export const custosRoutes: AppRouteObject[] = [
  route("/:realm/custos/sharing", <SharingPage />, "custosSharing"),
  route("/:realm/custos/sharing/:tab", <SharingPage />, "custosSharing"),
  route("/:realm/custos/sharing/entities/:id", <EntityPage />, "custosEntity"),
  route("/:realm/custos/access", <UserAccessPage />, "custosAccess"),
  route("/:realm/custos/groups", <GroupsPage />, "custosGroups"),
  route("/:realm/custos/agents", <AgentsPage />, "custosAgents"),
  route("/:realm/custos/secrets", <SecretsPage />, "custosSecrets"),
  route("/:realm/custos/audit", <AuditPage />, "custosAudit"),
];
