import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { useFetch } from "@keycloak/keycloak-ui-shared";
import { Title, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, query, reason } from "../api";
import { Choice, More, Rows } from "../ui";

type Grant = {
  kind: "owner" | "direct" | "group" | "none";
  permission?: string;
  group?: string;
  group_name?: string;
  cascaded_from?: string;
};
type Holder = { user_id: string; username: string; grant: Grant };
type HolderPage = { permission: string; holders: Holder[]; next: string | null };

/** "Who has access, and why": every user holding a permission, a page at a time, with the share that gives it. */
export const HoldersTable = ({
  entityId,
  permissions,
  generation,
}: {
  entityId: string;
  permissions: string[];
  generation: number;
}) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const [permission, setPermission] = useState(permissions.find((p) => p !== "OWNER") ?? "OWNER");
  // A list belongs to one entity, permission and state of the shares; for another, the list starts out empty.
  const key = `${entityId}\n${permission}\n${generation}`;
  const [list, setList] = useState<{ key: string; rows: Holder[]; next: string | null }>();
  const [error, setError] = useState<string>();
  const rows = list?.key === key ? list.rows : [];
  const next = list?.key === key ? list.next : null;

  const fetchPage = (after?: string) =>
    custos<HolderPage>(
      adminClient,
      `sharing/entities/${encodeURIComponent(entityId)}/holders` + query({ permission, after, max: 20 }),
    );
  const show = (page: HolderPage, after?: string) => {
    setList((l) =>
      !after
        ? { key, rows: page.holders, next: page.next }
        : l?.key === key
          ? { key, rows: [...l.rows, ...page.holders], next: page.next }
          : l,
    );
    setError(undefined);
  };

  // The first page, again whenever the entity, the permission or the shares change (a late answer is dropped).
  useFetch(
    () =>
      fetchPage().then(
        (page) => ({ page }),
        (e: unknown) => ({ error: reason(e) }),
      ),
    (r) => ("page" in r ? show(r.page) : setError(r.error)),
    [adminClient, entityId, permission, generation],
  );

  const more = async () => {
    try {
      show(await fetchPage(next ?? undefined), next ?? undefined);
    } catch (e) {
      setError(reason(e));
    }
  };

  const why = (g: Grant) => {
    const base =
      g.kind === "owner"
        ? t("custosWhyOwner")
        : g.kind === "direct"
          ? t("custosWhyDirect", { permission: g.permission })
          : g.kind === "group"
            ? t("custosWhyGroup", { permission: g.permission, group: g.group_name ?? g.group })
            : t("custosWhyNone");
    return g.cascaded_from ? `${base} — ${t("custosWhyCascaded", { ancestor: g.cascaded_from })}` : base;
  };

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Title headingLevel="h2">{t("custosWhoHasAccess")}</Title>
          </ToolbarItem>
          <ToolbarItem>
            <Choice
              label={t("custosPermission")}
              value={permission}
              options={permissions}
              onChange={setPermission}
              testid="custos-holders-permission"
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {error && <p className="pf-v5-u-danger-color-100">{error}</p>}
      <Rows
        label="holders"
        testid="custos-holders"
        rows={rows}
        rowKey={(h) => h.user_id}
        rowTestid={(h) => `holder-${h.username}`}
        columns={[
          { title: "custosUsername", cell: (h) => h.username },
          { title: "custosWhy", cell: (h) => why(h.grant) },
        ]}
      />
      <More hidden={!next} onMore={more} />
    </>
  );
};
