import { useRealm } from "@keycloak/keycloak-admin-ui";
import { Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { CustosPage } from "../ui";
import { EntitiesTab } from "./EntitiesTab";
import { TypesTab } from "./TypesTab";

/** Sharing: the entity browser, entity types and permission types. */
export default function SharingPage() {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const navigate = useNavigate();
  const tab = useParams().tab ?? "entities";
  const open = (key: string | number) => navigate(`/${encodeURIComponent(realm)}/custos/sharing/${key}`);
  return (
    <CustosPage title="custosSharing" sub={t("custosSharingHelp")}>
      <Tabs activeKey={tab} onSelect={(_e, key) => open(key)} mountOnEnter unmountOnExit>
        <Tab eventKey="entities" title={<TabTitleText>{t("custosEntities")}</TabTitleText>} data-testid="tab-entities">
          <EntitiesTab />
        </Tab>
        <Tab
          eventKey="entity-types"
          title={<TabTitleText>{t("custosEntityTypes")}</TabTitleText>}
          data-testid="tab-entity-types"
        >
          <TypesTab kind="entity-types" />
        </Tab>
        <Tab
          eventKey="permission-types"
          title={<TabTitleText>{t("custosPermissionTypes")}</TabTitleText>}
          data-testid="tab-permission-types"
        >
          <TypesTab kind="permission-types" />
        </Tab>
      </Tabs>
    </CustosPage>
  );
}
