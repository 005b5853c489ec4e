import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Modal,
  Text,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { custos, query, reason, send } from "../api";
import { useCustos } from "../context";
import { CustosPage, CustosTable, flatten, Loading, useLoad } from "../ui";
import type { Entity } from "./EntitiesTab";
import { HoldersTable } from "./HoldersTable";
import type { SharingType } from "./TypesTab";

type ShareRow = {
  principal_type: "USER" | "GROUP";
  principal: string;
  principal_name?: string;
  permission: string;
  cascade: boolean;
  shared_by?: string;
  inherited_from?: string;
};
type Detail = { entity: Entity; path: string[]; shares: ShareRow[] };

/** One entity: where it sits, every share that reaches it, who holds what and why; share and revoke. */
export default function EntityPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { pages } = useCustos();
  const { addAlert } = useAlerts();
  const id = useParams().id!;
  const detail = useLoad((c) => custos<Detail>(c, `sharing/entities/${encodeURIComponent(id)}`), [id]);
  const permissions = useLoad((c) => custos<{ types: SharingType[] }>(c, "sharing/permission-types"), []);
  const [sharing, setSharing] = useState<{ type: string; principal: string; permission: string; cascade: boolean }>();
  const [error, setError] = useState<string>();
  const groups = useLoad(
    async (c) =>
      sharing?.type === "group" ? flatten(await c.groups.find({ max: 100, briefRepresentation: true })) : [],
    [sharing?.type],
  );
  const [generation, setGeneration] = useState(0);
  const link = (x: string) => `/${encodeURIComponent(realm)}/custos/sharing/entities/${encodeURIComponent(x)}`;

  const changed = (message: string) => {
    addAlert(message);
    detail.reload();
    setGeneration((g) => g + 1);
  };

  const share = async () => {
    if (!sharing) return;
    try {
      await send(adminClient, "POST", `sharing/entities/${encodeURIComponent(id)}/shares`, {
        principal_type: sharing.type,
        principal: sharing.principal,
        permission: sharing.permission,
        cascade: sharing.cascade,
      });
      setSharing(undefined);
      setError(undefined);
      changed(t("custosShared", { permission: sharing.permission, principal: sharing.principal }));
    } catch (e) {
      setError(reason(e));
    }
  };

  const revoke = async (row: ShareRow) => {
    try {
      await send(
        adminClient,
        "DELETE",
        `sharing/entities/${encodeURIComponent(id)}/shares` +
          query({
            principal_type: row.principal_type.toLowerCase(),
            principal: row.principal,
            permission: row.permission,
          }),
      );
      changed(t("custosRevoked", { permission: row.permission, principal: row.principal_name ?? row.principal }));
    } catch (e) {
      addAlert(reason(e), AlertVariant.danger);
    }
  };

  const permissionIds = ["OWNER", ...(permissions.data?.types ?? []).map((p) => p.id)];

  return (
    <CustosPage title={id} sub={t("custosEntityHelp")}>
      <Loading loaded={detail}>
        {({ entity, path, shares }) => (
          <>
            <DescriptionList isHorizontal columnModifier={{ default: "2Col" }} data-testid="custos-entity-detail">
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosType")}</DescriptionListTerm>
                <DescriptionListDescription>{entity.type}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosOwner")}</DescriptionListTerm>
                <DescriptionListDescription data-testid="custos-entity-owner">
                  {entity.owner_id}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("name")}</DescriptionListTerm>
                <DescriptionListDescription>{entity.name}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t("custosPath")}</DescriptionListTerm>
                <DescriptionListDescription>
                  {path.map((p) => (
                    <span key={p}>
                      <Link to={link(p)}>{p}</Link> /{" "}
                    </span>
                  ))}
                  {entity.id}
                  {path.length === 0 && ` (${t("custosRoot")})`}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <Title headingLevel="h2">{t("custosSharesTitle")}</Title>
                </ToolbarItem>
                {pages?.sharingAdmin && (
                  <ToolbarItem>
                    <Button
                      data-testid="custos-share"
                      onClick={() => setSharing({ type: "user", principal: "", permission: "", cascade: true })}
                    >
                      {t("custosShare")}
                    </Button>
                  </ToolbarItem>
                )}
              </ToolbarContent>
            </Toolbar>
            <CustosTable
              label="shares"
              testid="custos-shares"
              source={{ rows: shares }}
              rowKey={(_s, i) => String(i)}
              columns={[
                {
                  title: "custosPrincipal",
                  cell: (x) => (
                    <>
                      <Label isCompact color={x.principal_type === "USER" ? "blue" : "purple"}>
                        {t(x.principal_type === "USER" ? "custosUser" : "custosGroup")}
                      </Label>{" "}
                      {x.principal_name ?? x.principal}
                    </>
                  ),
                },
                { title: "custosPermission", cell: (x) => x.permission },
                { title: "custosCascade", cell: (x) => (x.cascade ? t("yes") : t("no")) },
                { title: "custosSharedBy", cell: (x) => x.shared_by },
                {
                  title: "custosWhere",
                  cell: (x) =>
                    x.inherited_from ? (
                      <>
                        {t("custosCascadedFrom")} <Link to={link(x.inherited_from)}>{x.inherited_from}</Link>
                      </>
                    ) : (
                      t("custosOnThisEntity")
                    ),
                },
                {
                  cell: (x) =>
                    pages?.sharingAdmin &&
                    !x.inherited_from &&
                    x.permission !== "OWNER" && (
                      <Button variant="link" isDanger onClick={() => revoke(x)} data-testid={`revoke-${x.principal}`}>
                        {t("custosRevoke")}
                      </Button>
                    ),
                },
              ]}
            />
            <HoldersTable entityId={entity.id} permissions={permissionIds} generation={generation} />
          </>
        )}
      </Loading>
      {sharing && (
        <Modal
          variant="small"
          isOpen
          title={t("custosShareTitle", { id })}
          onClose={() => setSharing(undefined)}
          actions={[
            <Button key="share" data-testid="custos-confirm-share" onClick={share}>
              {t("custosShare")}
            </Button>,
            <Button key="cancel" variant="link" onClick={() => setSharing(undefined)}>
              {t("cancel")}
            </Button>,
          ]}
        >
          <Form onSubmit={(e) => e.preventDefault()}>
            <FormGroup label={t("custosPrincipalType")} fieldId="custos-share-type">
              <FormSelect
                id="custos-share-type"
                value={sharing.type}
                onChange={(_e, v) => setSharing({ ...sharing, type: v })}
              >
                <FormSelectOption value="user" label={t("custosUser")} />
                <FormSelectOption value="group" label={t("custosGroup")} />
              </FormSelect>
            </FormGroup>
            <FormGroup
              label={t(sharing.type === "user" ? "custosUsername" : "custosGroup")}
              isRequired
              fieldId="custos-share-principal"
            >
              {sharing.type === "user" ? (
                <TextInput
                  id="custos-share-principal"
                  value={sharing.principal}
                  onChange={(_e, v) => setSharing({ ...sharing, principal: v })}
                />
              ) : (
                <FormSelect
                  id="custos-share-principal"
                  value={sharing.principal}
                  onChange={(_e, v) => setSharing({ ...sharing, principal: v })}
                >
                  <FormSelectOption value="" label={t("custosChooseGroup")} isDisabled />
                  {(groups.data ?? []).map((g) => (
                    <FormSelectOption key={g.id} value={g.id!} label={g.path ?? g.name ?? ""} />
                  ))}
                </FormSelect>
              )}
            </FormGroup>
            <FormGroup label={t("custosPermission")} isRequired fieldId="custos-share-permission">
              <FormSelect
                id="custos-share-permission"
                value={sharing.permission}
                onChange={(_e, v) => setSharing({ ...sharing, permission: v })}
              >
                <FormSelectOption value="" label={t("custosChoosePermission")} isDisabled />
                {permissionIds
                  .filter((p) => p !== "OWNER")
                  .map((p) => (
                    <FormSelectOption key={p} value={p} label={p} />
                  ))}
              </FormSelect>
            </FormGroup>
            <Checkbox
              id="custos-share-cascade"
              label={t("custosCascadeHelp")}
              isChecked={sharing.cascade}
              onChange={(_e, v) => setSharing({ ...sharing, cascade: v })}
            />
            {error && (
              <Text className="pf-v5-u-danger-color-100" data-testid="custos-form-error">
                {error}
              </Text>
            )}
          </Form>
        </Modal>
      )}
    </CustosPage>
  );
}
