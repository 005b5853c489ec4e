import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Label,
  Switch,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, reason, send } from "../api";
import { CustosPage, CustosTable, Loading, useLoad, when } from "../ui";

type Agent = { id: string; isEnabled: boolean; realm_roles: string[]; client_roles: string[]; creation_time: number };
type Agents = { enabled: boolean; token_lifetime: number | null; agents: Agent[] };

/** Agents: every agent with its roles, switched on or off; the agents' token lifetime. */
export default function AgentsPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { addAlert } = useAlerts();
  const loaded = useLoad((c) => custos<Agents>(c, "agents"), []);
  // What the administrator typed, over the answer it was typed on: a new answer (after a save or a switch) shows the
  // server's lifetime again.
  const [typed, setTyped] = useState<{ on?: Agents; value: string }>();
  const lifetime =
    typed && typed.on === loaded.data
      ? typed.value
      : loaded.data?.token_lifetime
        ? String(loaded.data.token_lifetime)
        : "";

  const toggle = async (a: Agent, enabled: boolean) => {
    try {
      await send(adminClient, "PUT", `agents/${encodeURIComponent(a.id)}/enabled`, { enabled });
      addAlert(t(enabled ? "custosAgentEnabled" : "custosAgentDisabled", { id: a.id }));
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
    loaded.reload();
  };

  const saveLifetime = async () => {
    try {
      await send(adminClient, "PUT", "agents/token-lifetime", { seconds: Number(lifetime) });
      addAlert(t("custosLifetimeSaved"));
      loaded.reload();
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
  };

  return (
    <CustosPage title="custosAgents" sub={t("custosAgentsHelp")}>
      <Loading loaded={loaded}>
        {({ enabled, agents }) =>
          !enabled ? (
            <p data-testid="custos-agents-off">{t("custosAgentsOff")}</p>
          ) : (
            <>
              <Toolbar>
                <ToolbarContent>
                  <ToolbarItem>{t("custosAgentTokenLifetime")}</ToolbarItem>
                  <ToolbarItem>
                    <TextInput
                      aria-label={t("custosAgentTokenLifetime")}
                      value={lifetime}
                      onChange={(_e, value) => setTyped({ on: loaded.data, value })}
                      data-testid="custos-agent-lifetime"
                    />
                  </ToolbarItem>
                  <ToolbarItem>
                    <Button variant="secondary" onClick={saveLifetime} data-testid="custos-save-lifetime">
                      {t("save")}
                    </Button>
                  </ToolbarItem>
                </ToolbarContent>
              </Toolbar>
              <CustosTable
                label="agents"
                testid="custos-agents"
                source={{ rows: agents }}
                rowKey={(a) => a.id}
                columns={[
                  { title: "custosId", cell: (a) => a.id },
                  {
                    title: "custosRoles",
                    cell: (a) =>
                      [...a.realm_roles, ...a.client_roles].map((r) => (
                        <Label key={r} isCompact className="pf-v5-u-mr-xs">
                          {r}
                        </Label>
                      )),
                  },
                  { title: "custosCreated", cell: (a) => when(a.creation_time) },
                  {
                    title: "enabled",
                    cell: (a) => (
                      <Switch
                        id={`agent-${a.id}`}
                        aria-label={a.id}
                        isChecked={a.isEnabled}
                        onChange={(_e, v) => toggle(a, v)}
                        data-testid={`agent-switch-${a.id}`}
                      />
                    ),
                  },
                ]}
              />
            </>
          )
        }
      </Loading>
    </CustosPage>
  );
}
