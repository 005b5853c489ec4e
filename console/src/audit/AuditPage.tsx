import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, TextInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, query, reason } from "../api";
import { Choice, CustosPage, CustosTable, when } from "../ui";

type LogEvent = {
  created_time: string;
  service_name: string;
  event_type: string;
  username: string;
  client_id: string;
  external_ip: string;
};

const SERVICES: [string, string][] = [
  ["org.apache.custos.user.management.service.UserManagementService", "custosServiceUsers"],
  ["org.apache.custos.group.management.service.GroupManagementService", "custosServiceGroups"],
  ["org.apache.custos.sharing.management.service.SharingManagementService", "custosServiceSharing"],
  ["org.apache.custos.resource.secret.management.service.ResourceSecretManagementService", "custosServiceSecrets"],
  ["org.apache.custos.agent.management.service.AgentManagementService", "custosServiceAgents"],
  ["org.apache.custos.tenant.management.service.TenantManagementService", "custosServiceTenants"],
  ["org.apache.custos.log.management.service.LogManagementService", "custosServiceLogs"],
  ["org.keycloak.admin", "custosServiceKeycloak"],
];

const millis = (local: string) => (local ? String(new Date(local).getTime()) : undefined);

/** The Custos audit log, from Keycloak's admin events: by service, operation, actor and time, newest first. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { addAlert } = useAlerts();
  const [service, setService] = useState("");
  const [operation, setOperation] = useState("");
  const [actorName, setActorName] = useState("");
  const [actor, setActor] = useState<string | undefined>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // An actor name that is no user finds no events (rather than every actor's).
  const load = (c: KeycloakAdminClient, first: number, max: number) =>
    actor === ""
      ? Promise.resolve([] as LogEvent[])
      : custos<{ events: LogEvent[] }>(
          c,
          "audit" + query({ service, operation, actor, from: millis(from), to: millis(to), first, max }),
        ).then((r) => r.events);

  const findActor = async () => {
    if (!actorName) {
      setActor(undefined);
      return;
    }
    try {
      const users = await adminClient.users.find({ username: actorName, exact: true, max: 1 });
      setActor(users[0]?.id ?? "");
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
  };

  return (
    <CustosPage title="custosAudit" sub={t("custosAuditHelp")}>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Choice
              label={t("custosService")}
              value={service}
              options={SERVICES.map(([v, l]) => [v, t(l)] as [string, string])}
              onChange={setService}
              all={t("custosAllServices")}
              testid="custos-audit-service"
            />
          </ToolbarItem>
          <ToolbarItem>
            <TextInput
              aria-label={t("custosOperation")}
              placeholder={t("custosOperation")}
              value={operation}
              onChange={(_e, v) => setOperation(v)}
              data-testid="custos-audit-operation"
            />
          </ToolbarItem>
          <ToolbarItem>
            <TextInput
              aria-label={t("custosActor")}
              placeholder={t("custosActor")}
              value={actorName}
              onChange={(_e, v) => setActorName(v)}
              onBlur={findActor}
              onKeyDown={(e) => e.key === "Enter" && findActor()}
              data-testid="custos-audit-actor"
            />
          </ToolbarItem>
          <ToolbarItem>
            <TextInput
              type="datetime-local"
              aria-label={t("custosFrom")}
              value={from}
              onChange={(_e, v) => setFrom(v)}
            />
          </ToolbarItem>
          <ToolbarItem>
            <TextInput type="datetime-local" aria-label={t("custosTo")} value={to} onChange={(_e, v) => setTo(v)} />
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={findActor} data-testid="custos-audit-apply">
              {t("custosApply")}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <CustosTable
        label="audit"
        testid="custos-audit"
        source={{ load, filters: [service, operation, actor, from, to], paginated: true }}
        rowKey={(_e, i) => String(i)}
        columns={[
          { title: "custosTime", cell: (e) => when(e.created_time) },
          {
            title: "custosService",
            cell: (e) => t(SERVICES.find(([v]) => v === e.service_name)?.[1] ?? e.service_name),
          },
          { title: "custosOperation", cell: (e) => e.event_type },
          { title: "custosActor", cell: (e) => e.username },
          { title: "custosClient", cell: (e) => e.client_id },
          { title: "custosIp", cell: (e) => e.external_ip },
        ]}
      />
    </CustosPage>
  );
}
