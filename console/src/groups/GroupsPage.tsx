import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import type GroupRepresentation from "@keycloak/keycloak-admin-client/lib/defs/groupRepresentation";
import {
  AlertVariant,
  Button,
  SearchInput,
  Split,
  SplitItem,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, query, reason, send } from "../api";
import { Choice, CustosPage, CustosTable, flatten, Loading, useLoad } from "../ui";

type Member = { id: string; username: string; membership_type: string };
const TYPES = ["OWNER", "ADMIN", "MEMBER"];

/** Groups: each member's Custos membership type, changed where the administrator may change it. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { addAlert } = useAlerts();
  const [search, setSearch] = useState("");
  const [group, setGroup] = useState<GroupRepresentation>();
  const groups = useLoad(
    (c) => c.groups.find({ search: search || undefined, max: 50, briefRepresentation: true }),
    [search],
  );
  const [generation, setGeneration] = useState(0);
  const members = (c: KeycloakAdminClient, first: number, max: number) =>
    custos<{ members: Member[] }>(c, `groups/${encodeURIComponent(group!.id!)}/members` + query({ first, max })).then(
      (r) => r.members,
    );

  const change = async (m: Member, type: string) => {
    try {
      await send(adminClient, "PUT", `groups/${encodeURIComponent(group!.id!)}/members/${m.id}`, {
        membership_type: type,
      });
      addAlert(t("custosMembershipChanged", { username: m.username, type }));
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
    setGeneration((g) => g + 1);
  };

  return (
    <CustosPage title="custosGroups" sub={t("custosGroupsHelp")}>
      <Split hasGutter>
        <SplitItem style={{ minWidth: "18rem" }}>
          <SearchInput
            placeholder={t("custosFindGroup")}
            value={search}
            onChange={(_e, v) => setSearch(v)}
            onClear={() => setSearch("")}
          />
          <Loading loaded={groups}>
            {(list) => (
              <ul className="pf-v5-u-mt-sm" data-testid="custos-groups">
                {flatten(list).map((g) => (
                  <li key={g.id}>
                    <Button
                      variant="link"
                      isInline
                      onClick={() => setGroup(g)}
                      className={g.id === group?.id ? "pf-v5-u-font-weight-bold" : undefined}
                    >
                      {g.path ?? g.name}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Loading>
        </SplitItem>
        <SplitItem isFilled>
          {group && (
            <>
              <Toolbar>
                <ToolbarContent>
                  <ToolbarItem>
                    <Title headingLevel="h2">{t("custosMembersOf", { group: group.path ?? group.name })}</Title>
                  </ToolbarItem>
                </ToolbarContent>
              </Toolbar>
              <CustosTable
                label="members"
                testid="custos-members"
                source={{ load: members, filters: [group.id], generation, paginated: true }}
                rowKey={(m) => m.id}
                columns={[
                  { title: "custosUsername", cell: (m) => m.username },
                  {
                    title: "custosMembershipType",
                    cell: (m) => (
                      <Choice
                        label={t("custosMembershipType")}
                        value={m.membership_type}
                        options={TYPES}
                        onChange={(v) => change(m, v)}
                        testid={`membership-${m.username}`}
                      />
                    ),
                  },
                ]}
              />
            </>
          )}
        </SplitItem>
      </Split>
    </CustosPage>
  );
}
