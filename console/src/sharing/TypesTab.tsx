import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Form,
  FormGroup,
  Modal,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { custos, reason, send } from "../api";
import { useCustos } from "../context";
import { CustosTable, when } from "../ui";

export type SharingType = { id: string; name: string; description: string; created_at: string; updated_at: string };

const BUILT_IN = ["OWNER", "SECRET"];

/** Entity types or permission types: listed for sharing viewers, created, edited and deleted by sharing admins. */
export const TypesTab = ({ kind }: { kind: "entity-types" | "permission-types" }) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { pages } = useCustos();
  const { addAlert } = useAlerts();
  const [generation, setGeneration] = useState(0);
  const load = (c: KeycloakAdminClient) => custos<{ types: SharingType[] }>(c, `sharing/${kind}`).then((r) => r.types);
  const [editing, setEditing] = useState<{ type: Partial<SharingType>; isNew: boolean }>();
  const [error, setError] = useState<string>();

  const save = async () => {
    if (!editing) return;
    const { type, isNew } = editing;
    try {
      if (isNew) {
        await send(adminClient, "POST", `sharing/${kind}`, type);
      } else {
        await send(adminClient, "PUT", `sharing/${kind}/${encodeURIComponent(type.id!)}`, {
          name: type.name,
          description: type.description,
        });
      }
      setEditing(undefined);
      setError(undefined);
      addAlert(t(isNew ? "custosTypeCreated" : "custosTypeSaved", { id: type.id }));
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(reason(e));
    }
  };

  const remove = async (id: string) => {
    try {
      await send(adminClient, "DELETE", `sharing/${kind}/${encodeURIComponent(id)}`);
      addAlert(t("custosTypeDeleted", { id }));
      setGeneration((g) => g + 1);
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
  };

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          {pages?.sharingAdmin && (
            <ToolbarItem>
              <Button data-testid="custos-create-type" onClick={() => setEditing({ type: {}, isNew: true })}>
                {t(kind === "entity-types" ? "custosCreateEntityType" : "custosCreatePermissionType")}
              </Button>
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      <CustosTable
        label={kind}
        testid={`custos-${kind}`}
        source={{ load, filters: [kind], generation }}
        rowKey={(x) => x.id}
        columns={[
          { title: "custosId", cell: (x) => x.id },
          { title: "name", cell: (x) => x.name },
          { title: "description", cell: (x) => x.description },
          { title: "custosUpdated", cell: (x) => when(x.updated_at) },
          {
            cell: (x) =>
              pages?.sharingAdmin &&
              !BUILT_IN.includes(x.id) && (
                <>
                  <Button variant="link" onClick={() => setEditing({ type: { ...x }, isNew: false })}>
                    {t("edit")}
                  </Button>
                  <Button variant="link" isDanger onClick={() => remove(x.id)}>
                    {t("delete")}
                  </Button>
                </>
              ),
          },
        ]}
      />
      {editing && (
        <Modal
          variant="small"
          isOpen
          title={t(editing.isNew ? "custosCreateType" : "custosEditType")}
          onClose={() => setEditing(undefined)}
          actions={[
            <Button key="save" data-testid="custos-save-type" onClick={save}>
              {t("save")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setEditing(undefined)}>
              {t("cancel")}
            </Button>,
          ]}
        >
          <Form onSubmit={(e) => e.preventDefault()}>
            <FormGroup label={t("custosId")} isRequired fieldId="custos-type-id">
              <TextInput
                id="custos-type-id"
                isDisabled={!editing.isNew}
                value={editing.type.id ?? ""}
                onChange={(_e, id) => setEditing({ ...editing, type: { ...editing.type, id } })}
              />
            </FormGroup>
            <FormGroup label={t("name")} fieldId="custos-type-name">
              <TextInput
                id="custos-type-name"
                value={editing.type.name ?? ""}
                onChange={(_e, name) => setEditing({ ...editing, type: { ...editing.type, name } })}
              />
            </FormGroup>
            <FormGroup label={t("description")} fieldId="custos-type-description">
              <TextInput
                id="custos-type-description"
                value={editing.type.description ?? ""}
                onChange={(_e, description) => setEditing({ ...editing, type: { ...editing.type, description } })}
              />
            </FormGroup>
            {error && (
              <p className="pf-v5-u-danger-color-100" data-testid="custos-form-error">
                {error}
              </p>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
};
