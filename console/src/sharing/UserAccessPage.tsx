import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import type UserRepresentation from "@keycloak/keycloak-admin-client/lib/defs/userRepresentation";
import { useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { custos, query, reason } from "../api";
import { Choice, CustosPage, More, Rows, useLoad } from "../ui";
import type { Entity } from "./EntitiesTab";
import type { SharingType } from "./TypesTab";

type EntityPage = { entity_array: Entity[]; next_cursor: string | null; complete: boolean };

/** "What can this user access": the entities a user reaches with a permission (directly, by group, by cascade). */
export default function UserAccessPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { addAlert } = useAlerts();
  const { realm } = useRealm();
  const [params, setParams] = useSearchParams();
  const userId = params.get("user") ?? "";
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<UserRepresentation[]>([]);
  const [user, setUser] = useState<UserRepresentation>();
  const [permission, setPermission] = useState("OWNER");
  const [type, setType] = useState("");
  const [rows, setRows] = useState<Entity[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const permissions = useLoad((c) => custos<{ types: SharingType[] }>(c, "sharing/permission-types"), []);
  const types = useLoad((c) => custos<{ types: SharingType[] }>(c, "sharing/entity-types"), []);

  useFetch(
    () => (userId ? adminClient.users.findOne({ id: userId }).catch(() => undefined) : Promise.resolve(undefined)),
    (u) => setUser(u ?? undefined),
    [adminClient, userId],
  );

  const find = async () => {
    try {
      setFound(await adminClient.users.find({ search, max: 10, briefRepresentation: true }));
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
  };

  const fetchPage = (after?: string) =>
    custos<EntityPage>(
      adminClient,
      `sharing/users/${encodeURIComponent(userId)}/reachable` + query({ permission, type, cursor: after, max: 20 }),
    );
  const show = (page: EntityPage, after?: string) => {
    setRows((r) => (after ? [...r, ...page.entity_array] : page.entity_array));
    setCursor(page.complete ? null : page.next_cursor);
    setError(undefined);
  };
  const fail = (e: unknown) => {
    setRows([]);
    setError(reason(e));
  };

  // The first page, again whenever the user, the permission or the type changes (a late answer is dropped).
  useFetch(
    () =>
      userId
        ? fetchPage().then(
            (page) => ({ page }),
            (error: unknown) => ({ error }),
          )
        : Promise.resolve(undefined),
    (r) => r && ("page" in r ? show(r.page) : fail(r.error)),
    [adminClient, userId, permission, type],
  );

  const more = async () => {
    try {
      show(await fetchPage(cursor ?? undefined), cursor ?? undefined);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <CustosPage title="custosAccess" sub={t("custosAccessHelp")}>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              placeholder={t("custosFindUser")}
              value={search}
              onChange={(_e, v) => setSearch(v)}
              onSearch={find}
              onClear={() => setSearch("")}
              data-testid="custos-user-search"
            />
          </ToolbarItem>
          <ToolbarItem>
            <Choice
              label={t("custosPermission")}
              value={permission}
              options={["OWNER", ...(permissions.data?.types ?? []).map((p) => p.id)]}
              onChange={setPermission}
              testid="custos-access-permission"
            />
          </ToolbarItem>
          <ToolbarItem>
            <Choice
              label={t("custosType")}
              value={type}
              options={(types.data?.types ?? []).map((x) => x.id)}
              onChange={setType}
              all={t("custosAllTypes")}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {found.length > 0 && (
        <div data-testid="custos-found-users">
          {found.map((u) => (
            <Button
              key={u.id}
              variant="secondary"
              className="pf-v5-u-mr-sm pf-v5-u-mb-sm"
              onClick={() => {
                setParams({ user: u.id! });
                setFound([]);
              }}
            >
              {u.username}
            </Button>
          ))}
        </div>
      )}
      {user && (
        <h2 className="pf-v5-u-font-size-lg pf-v5-u-my-md" data-testid="custos-access-user">
          {t("custosReachedBy", { username: user.username })}
        </h2>
      )}
      {error && <p className="pf-v5-u-danger-color-100">{error}</p>}
      {userId && (
        <Rows
          label="reachable"
          testid="custos-reachable"
          rows={rows}
          rowKey={(e) => e.id}
          columns={[
            {
              title: "custosId",
              cell: (e) => (
                <Link to={`/${encodeURIComponent(realm)}/custos/sharing/entities/${encodeURIComponent(e.id)}`}>
                  {e.id}
                </Link>
              ),
            },
            { title: "custosType", cell: (e) => e.type },
            { title: "name", cell: (e) => e.name },
            { title: "custosOwner", cell: (e) => e.owner_id },
          ]}
        />
      )}
      <More hidden={!cursor} onMore={more} />
    </CustosPage>
  );
}
