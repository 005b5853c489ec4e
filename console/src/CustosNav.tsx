import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import {
  routes,
  useAccess,
  useEnvironment,
  useRealm,
  useServerInfo,
  type AdminEnvironment,
} from "@keycloak/keycloak-admin-ui";
import { Label, Nav, NavGroup, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";
import { useCustos } from "./context";

/**
 * Keycloak's navigation as admin-ui 26.7.3 draws it (its PageNav takes no extra entries), with a Custos group below:
 * one entry per Custos page the administrator may open.
 */
const Item = ({ title, path, show }: { title: string; path: string; show?: boolean }) => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  const route = routes.find((r) => r.path.replace(/\/:.+?(\?|(?:(?!\/).)*|$)/g, "") === path);
  const access = route?.handle?.access as AccessType | AccessType[] | undefined;
  const allowed =
    show ?? (access !== undefined && (Array.isArray(access) ? hasAccess(...access) : hasAccess(access)));
  if (!allowed) {
    return null;
  }
  const id = "nav-item" + path.replace(/\//g, "-");
  return (
    <li>
      <NavLink
        id={id}
        data-testid={id}
        to={`/${encodeURIComponent(realm)}${path}`}
        end={path === "/custos/sharing" ? false : undefined}
        className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
      >
        {t(title)}
      </NavLink>
    </li>
  );
};

export const CustosNav = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AdminEnvironment>();
  const { hasSomeAccess } = useAccess();
  const { features } = useServerInfo();
  const { realm, realmRepresentation } = useRealm();
  const { pages } = useCustos();
  const feature = (name: string) => features?.some((f) => f.name === name && f.enabled) ?? false;

  return (
    <PageSidebar className="keycloak__page_nav__nav">
      <PageSidebarBody>
        <Nav>
          <h2 className="pf-v5-c-nav__section-title" style={{ wordWrap: "break-word" }}>
            <span data-testid="currentRealm">{realmRepresentation?.displayName || realm}</span>{" "}
            <Label color="blue">{t("currentRealm")}</Label>
          </h2>
          {environment.masterRealm === environment.realm && (
            <NavGroup>
              <Item title="manageRealms" path="/realms" />
            </NavGroup>
          )}
          {hasSomeAccess("view-realm", "query-groups", "query-users", "query-clients", "view-events") && (
            <NavGroup aria-label={t("manage")} title={t("manage")}>
              {feature("ORGANIZATION") && realmRepresentation?.organizationsEnabled && (
                <Item title="organizations" path="/organizations" />
              )}
              <Item title="clients" path="/clients" />
              <Item title="clientScopes" path="/client-scopes" />
              <Item title="realmRoles" path="/roles" />
              <Item title="users" path="/users" />
              <Item title="groups" path="/groups" />
              <Item title="sessions" path="/sessions" />
              <Item title="events" path="/events" />
            </NavGroup>
          )}
          {hasSomeAccess("view-realm", "query-clients", "view-identity-providers") && (
            <NavGroup aria-label={t("configure")} title={t("configure")}>
              <Item title="realmSettings" path="/realm-settings" />
              <Item title="authentication" path="/authentication" />
              {feature("ADMIN_FINE_GRAINED_AUTHZ_V2") && realmRepresentation?.adminPermissionsEnabled && (
                <Item title="permissions" path="/permissions" />
              )}
              <Item title="identityProviders" path="/identity-providers" />
              <Item title="userFederation" path="/user-federation" />
              {hasSomeAccess("realm-admin", "admin") && feature("WORKFLOWS") && (
                <Item title="workflows" path="/workflows" />
              )}
            </NavGroup>
          )}
          {pages && (
            <NavGroup aria-label="Custos" title="Custos">
              <Item title="custosSharing" path="/custos/sharing" show={pages.sharing} />
              <Item title="custosAccess" path="/custos/access" show={pages.sharing} />
              <Item title="custosGroups" path="/custos/groups" show={pages.groups} />
              <Item title="custosAgents" path="/custos/agents" show={pages.agents} />
              <Item title="custosSecrets" path="/custos/secrets" show={pages.secrets || pages.keys} />
              <Item title="custosAudit" path="/custos/audit" show={pages.audit} />
              <Item title="custosSettings" path="/realm-settings/custos" show={hasSomeAccess("view-realm")} />
            </NavGroup>
          )}
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
