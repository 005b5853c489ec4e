import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Modal,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, query, reason, send } from "../api";
import { useCustos } from "../context";
import { Choice, CustosPage, CustosTable, useLoad, when } from "../ui";

type Summary = {
  token: string;
  type: string;
  owner_id: string;
  client_id?: string;
  key?: string;
  description?: string;
  created_at: number;
  key_id: string;
};
type KeyStatus = {
  configured: boolean;
  active_key: string | null;
  keys: string[];
  secrets_per_key: Record<string, number>;
  under_old_keys: number;
};

/** Secrets: summaries (never a value), filtered and paged on the server; deletion; the key ring's state. */
export default function SecretsPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { pages } = useCustos();
  const { addAlert } = useAlerts();
  const [owner, setOwner] = useState("");
  const [type, setType] = useState("");
  const [client, setClient] = useState("");
  const [deleting, setDeleting] = useState<Summary>();
  const [generation, setGeneration] = useState(0);
  const load = (c: KeycloakAdminClient, first: number, max: number) =>
    custos<{ secrets: Summary[] }>(c, "secrets" + query({ owner, type, client, first, max })).then((r) => r.secrets);
  const keys = useLoad(
    (c) => (pages?.keys ? custos<KeyStatus>(c, "secrets/keys") : Promise.resolve(undefined as unknown as KeyStatus)),
    [pages?.keys],
  );

  const remove = async () => {
    const s = deleting!;
    setDeleting(undefined);
    try {
      await send(adminClient, "DELETE", "secrets" + query({ token: s.token }));
      addAlert(t("custosSecretDeleted"));
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
    setGeneration((g) => g + 1);
    keys.reload();
  };

  return (
    <CustosPage title="custosSecrets" sub={t("custosSecretsHelp")}>
      {pages?.keys && keys.data && (
        <Card isCompact className="pf-v5-u-mb-md" data-testid="custos-key-ring">
          <CardTitle>{t("custosKeyRing")}</CardTitle>
          <CardBody>
            <DescriptionList isHorizontal isCompact>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosActiveKey")}</DescriptionListTerm>
                <DescriptionListDescription>{keys.data.active_key ?? t("custosNoKeys")}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosSecretsPerKey")}</DescriptionListTerm>
                <DescriptionListDescription>
                  {Object.entries(keys.data.secrets_per_key)
                    .map(([k, n]) => `${k}: ${n}`)
                    .join(", ") || "0"}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosUnderOldKeys")}</DescriptionListTerm>
                <DescriptionListDescription data-testid="custos-under-old-keys">
                  {keys.data.under_old_keys === 0
                    ? t("custosReEncryptDone")
                    : t("custosReEncryptPending", { count: keys.data.under_old_keys })}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </CardBody>
        </Card>
      )}
      {pages?.secrets !== false && (
        <>
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>
                <TextInput
                  aria-label={t("custosOwnerUsername")}
                  placeholder={t("custosOwnerUsername")}
                  value={owner}
                  onChange={(_e, v) => setOwner(v)}
                  data-testid="custos-secret-owner"
                />
              </ToolbarItem>
              <ToolbarItem>
                <Choice
                  label={t("custosType")}
                  value={type}
                  options={["SSH", "PASSWORD", "X509_CERTIFICATE", "KV"]}
                  onChange={setType}
                  all={t("custosAllTypes")}
                  testid="custos-secret-type"
                />
              </ToolbarItem>
              <ToolbarItem>
                <TextInput
                  aria-label={t("custosClient")}
                  placeholder={t("custosClient")}
                  value={client}
                  onChange={(_e, v) => setClient(v)}
                />
              </ToolbarItem>
            </ToolbarContent>
          </Toolbar>
          <CustosTable
            label="secrets"
            testid="custos-secrets"
            source={{ load, filters: [owner, type, client], generation, paginated: true }}
            rowKey={(x) => x.token}
            columns={[
              { title: "custosType", cell: (x) => x.type + (x.key ? ` (${x.key})` : "") },
              { title: "custosOwner", cell: (x) => x.owner_id },
              { title: "custosClient", cell: (x) => x.client_id },
              { title: "description", cell: (x) => x.description },
              { title: "custosCreated", cell: (x) => when(x.created_at) },
              { title: "custosKeyId", cell: (x) => x.key_id },
              {
                cell: (x) => (
                  <Button variant="link" isDanger onClick={() => setDeleting(x)}>
                    {t("delete")}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
      {deleting && (
        <Modal
          variant="small"
          isOpen
          title={t("custosDeleteSecret")}
          onClose={() => setDeleting(undefined)}
          actions={[
            <Button key="delete" variant="danger" onClick={remove} data-testid="custos-confirm-delete">
              {t("delete")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setDeleting(undefined)}>
              {t("cancel")}
            </Button>,
          ]}
        >
          {t("custosDeleteSecretConfirm", { type: deleting.type, owner: deleting.owner_id })}
        </Modal>
      )}
    </CustosPage>
  );
}
