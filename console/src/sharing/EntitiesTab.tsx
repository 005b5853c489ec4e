import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Button,
  Chip,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Modal,
  SearchInput,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { custos, query, reason, send } from "../api";
import { useCustos } from "../context";
import { Choice, CustosTable, useLoad } from "../ui";
import type { SharingType } from "./TypesTab";

export type Entity = {
  id: string;
  type: string;
  owner_id: string;
  parent_id: string;
  name: string;
  description: string;
  shared_count: number;
};

/** The entity browser: search in ids, filter by type, walk the tree by parent, paged on the server. */
export const EntitiesTab = () => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { pages } = useCustos();
  const { addAlert } = useAlerts();
  const [search, setSearch] = useState("");
  const [type, setType] = useState("");
  const [parent, setParent] = useState("");
  const [creating, setCreating] = useState<Partial<Entity>>();
  const [error, setError] = useState<string>();
  const types = useLoad((c) => custos<{ types: SharingType[] }>(c, "sharing/entity-types"), []);
  const [generation, setGeneration] = useState(0);
  const load = (c: KeycloakAdminClient, first: number, max: number) =>
    custos<{ entity_array: Entity[] }>(c, "sharing/entities" + query({ search, type, parent, first, max })).then(
      (r) => r.entity_array,
    );

  const create = async () => {
    try {
      await send(adminClient, "POST", "sharing/entities", creating);
      addAlert(t("custosEntityCreated", { id: creating?.id }));
      setCreating(undefined);
      setError(undefined);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(reason(e));
    }
  };

  const link = (id: string) => `/${encodeURIComponent(realm)}/custos/sharing/entities/${encodeURIComponent(id)}`;

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              placeholder={t("custosSearchEntities")}
              value={search}
              onChange={(_e, v) => setSearch(v)}
              onClear={() => setSearch("")}
              data-testid="custos-entity-search"
            />
          </ToolbarItem>
          <ToolbarItem>
            <Choice
              label={t("custosType")}
              value={type}
              options={(types.data?.types ?? []).map((x) => x.id)}
              onChange={setType}
              all={t("custosAllTypes")}
              testid="custos-entity-type-filter"
            />
          </ToolbarItem>
          {parent && (
            <ToolbarItem>
              <Chip onClick={() => setParent("")} data-testid="custos-parent-filter">
                {t("custosChildrenOf", { id: parent })}
              </Chip>
            </ToolbarItem>
          )}
          {pages?.sharingAdmin && (
            <ToolbarItem>
              <Button data-testid="custos-create-entity" onClick={() => setCreating({ parent_id: parent })}>
                {t("custosCreateEntity")}
              </Button>
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      <CustosTable
        label="entities"
        testid="custos-entities"
        source={{ load, filters: [search, type, parent], generation, paginated: true }}
        rowKey={(e) => e.id}
        columns={[
          { title: "custosId", cell: (e) => <Link to={link(e.id)}>{e.id}</Link> },
          { title: "custosType", cell: (e) => e.type },
          { title: "name", cell: (e) => e.name },
          { title: "custosOwner", cell: (e) => e.owner_id },
          {
            title: "custosParent",
            cell: (e) => e.parent_id && <Link to={link(e.parent_id)}>{e.parent_id}</Link>,
          },
          { title: "custosShares", cell: (e) => e.shared_count },
          {
            cell: (e) => (
              <Button variant="link" onClick={() => setParent(e.id)} data-testid={`children-${e.id}`}>
                {t("custosChildren")}
              </Button>
            ),
          },
        ]}
      />
      {creating && (
        <Modal
          variant="small"
          isOpen
          title={t("custosCreateEntity")}
          onClose={() => setCreating(undefined)}
          actions={[
            <Button key="save" data-testid="custos-save-entity" onClick={create}>
              {t("create")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setCreating(undefined)}>
              {t("cancel")}
            </Button>,
          ]}
        >
          <Form onSubmit={(e) => e.preventDefault()}>
            {(
              [
                ["id", "custosId", true],
                ["name", "name", false],
                ["owner_id", "custosOwnerUsername", true],
                ["parent_id", "custosParent", false],
              ] as const
            ).map(([field, label, required]) => (
              <FormGroup key={field} label={t(label)} isRequired={required} fieldId={`custos-entity-${field}`}>
                <TextInput
                  id={`custos-entity-${field}`}
                  value={(creating[field] as string) ?? ""}
                  onChange={(_e, v) => setCreating({ ...creating, [field]: v })}
                />
              </FormGroup>
            ))}
            <FormGroup label={t("custosType")} isRequired fieldId="custos-entity-type">
              <FormSelect
                id="custos-entity-type"
                value={creating.type ?? ""}
                onChange={(_e, v) => setCreating({ ...creating, type: v })}
              >
                <FormSelectOption value="" label={t("custosChooseType")} isDisabled />
                {(types.data?.types ?? []).map((x) => (
                  <FormSelectOption key={x.id} value={x.id} label={x.id} />
                ))}
              </FormSelect>
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
