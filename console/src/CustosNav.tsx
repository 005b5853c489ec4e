import {
  routes,
  useAccess,
  useEnvironment,
  useRealm,
  useServerInfo,
  type AdminEnvironment,
} from "@keycloak/keycloak-admin-ui";
import { isBundleKey, label } from "@keycloak/keycloak-ui-shared";
import { Label, Nav, NavGroup, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useCustos } from "./context";

/** One entry of the navigation: a link to a page of the selected realm. */
const NavEntry = ({ title, path, testid }: { title: string; path: string; testid: string }) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  return (
    <li>
      <NavLink
        id={testid}
        data-testid={testid}
        to={`/${encodeURIComponent(realm)}${path}`}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
      >
        {t(title)}
      </NavLink>
    </li>
  );
};

// ---- Copied from @keycloak/keycloak-admin-ui 26.7.3, js/apps/admin-ui/src/PageNav.tsx --------------------------
// admin-ui's PageNav takes no extra entries, so the Custos navigation carries Keycloak's as admin-ui draws it.
// Kept to what PageNav does (LeftNav, and the body of PageNav between <Nav> and </Nav>), minus Nav's onSelect (the
// entries are NavLinks, which navigate by themselves). scripts/check-admin-ui-copies.mjs fails the build when the
// installed admin-ui is another version: then compare this with the new PageNav.tsx.

/** admin-ui's LeftNav: shown when the administrator holds what the page's route asks for. */
const KeycloakItem = ({ title, path, id }: { title: string; path: string; id?: string }) => {
  const { hasAccess } = useAccess();
  const route = routes.find((r) => r.path.replace(/\/:.+?(\?|(?:(?!\/).)*|$)/g, "") === (id || path));
  const access = route?.handle?.access;
  if (access === undefined || !(Array.isArray(access) ? hasAccess(...access) : hasAccess(access))) {
    return null;
  }
  return <NavEntry title={title} path={path} testid={"nav-item" + path.replace("/", "-")} />;
};

/** PageNav's heading and groups. */
const KeycloakNavGroups = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AdminEnvironment>();
  const { hasSomeAccess } = useAccess();
  const { features, componentTypes } = useServerInfo();
  const { realm, realmRepresentation } = useRealm();
  // admin-ui's useIsFeatureEnabled: organizations also need manage-realm or query-organizations.
  const isFeatureEnabled = (name: string) =>
    (features?.some((f) => f.name === name && f.enabled) ?? false) &&
    (name !== "ORGANIZATION" || hasSomeAccess("manage-realm", "query-organizations"));
  const pages = componentTypes?.["org.keycloak.services.ui.extend.UiPageProvider"];
  // admin-ui's resolveDisplayName
  const displayName = realmRepresentation?.displayName;
  const realmName = displayName && isBundleKey(displayName) ? label(t, displayName) : displayName || realm;

  return (
    <>
      <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
        <span data-testid="currentRealm">{realmName}</span> <Label color="blue">{t("currentRealm")}</Label>
      </h2>
      {environment.masterRealm === environment.realm && (
        <NavGroup>
          <KeycloakItem title="manageRealms" path="/realms" />
        </NavGroup>
      )}
      {hasSomeAccess(
        "view-realm",
        "query-groups",
        "query-users",
        "query-clients",
        "query-organizations",
        "view-events",
      ) && (
        <NavGroup aria-label={t("manage")} title={t("manage")}>
          {isFeatureEnabled("ORGANIZATION") && realmRepresentation?.organizationsEnabled && (
            <KeycloakItem title="organizations" path="/organizations" />
          )}
          <KeycloakItem title="clients" path="/clients" />
          <KeycloakItem title="clientScopes" path="/client-scopes" />
          <KeycloakItem title="realmRoles" path="/roles" />
          <KeycloakItem title="users" path="/users" />
          <KeycloakItem title="groups" path="/groups" />
          <KeycloakItem title="sessions" path="/sessions" />
          <KeycloakItem title="events" path="/events" />
        </NavGroup>
      )}
      {hasSomeAccess("view-realm", "query-clients", "view-identity-providers") && (
        <NavGroup aria-label={t("configure")} title={t("configure")}>
          <KeycloakItem title="realmSettings" path="/realm-settings" />
          <KeycloakItem title="authentication" path="/authentication" />
          {isFeatureEnabled("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation?.adminPermissionsEnabled && (
            <KeycloakItem title="permissions" path="/permissions" />
          )}
          <KeycloakItem title="identityProviders" path="/identity-providers" />
          <KeycloakItem title="userFederation" path="/user-federation" />
          {hasSomeAccess("realm-admin", "admin") && isFeatureEnabled("WORKFLOWS") && (
            <KeycloakItem title="workflows" path="/workflows" />
          )}
          {isFeatureEnabled("DECLARATIVE_UI") &&
            pages?.map((p) => (
              <KeycloakItem key={p.id} title={p.id} path={`/page-section/${p.id}`} id="/page-section" />
            ))}
        </NavGroup>
      )}
    </>
  );
};
// ---- end of the copy ---------------------------------------------------------------------------------------------

/** A Custos entry, shown when the server says the administrator may open its page. */
const CustosItem = ({ title, path, show }: { title: string; path: string; show: boolean }) =>
  show ? <NavEntry title={title} path={path} testid={"nav-item" + path.replace(/\//g, "-")} /> : null;

/** The console's navigation: Keycloak's, then a Custos group with one entry per Custos page the administrator may open. */
export const CustosNav = () => {
  const { hasSomeAccess } = useAccess();
  const { pages } = useCustos();
  return (
    <PageSidebar className="keycloak__page_nav__nav">
      <PageSidebarBody>
        <Nav>
          <KeycloakNavGroups />
          {pages && (
            <NavGroup aria-label="Custos" title="Custos">
              <CustosItem title="custosSharing" path="/custos/sharing" show={pages.sharing} />
              <CustosItem title="custosAccess" path="/custos/access" show={pages.sharing} />
              <CustosItem title="custosGroups" path="/custos/groups" show={pages.groups} />
              <CustosItem title="custosAgents" path="/custos/agents" show={pages.agents} />
              <CustosItem title="custosSecrets" path="/custos/secrets" show={pages.secrets || pages.keys} />
              <CustosItem title="custosAudit" path="/custos/audit" show={pages.audit} />
              <CustosItem title="custosSettings" path="/realm-settings/custos" show={hasSomeAccess("view-realm")} />
            </NavGroup>
          )}
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
