package org.custos.keycloak.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.spi.StatelessFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * A page of the admin console's "Configure" section that shows Custos data the Custos API manages: the rows are
 * written by {@link CustosConsole} only, every field is read-only, and a row created or changed in the console (the
 * admin API's components endpoint) is refused with the reason. A realm import may bring rows along (an export holds
 * the realm's components); they are dropped when the realm is created, as the new realm has no Custos data yet. Reading
 * needs {@code view-realm}, as every console page.
 */
public abstract class ReadOnlyPage
        implements UiPageProvider, UiPageProviderFactory<ComponentModel>, StatelessFactory<UiPageProvider> {

    /** A read-only text field of the page. */
    static ProviderConfigProperty field(String name) {
        ProviderConfigProperty p = new ProviderConfigProperty(
                name,
                "custos.field." + name,
                "custos.field." + name + ".help",
                ProviderConfigProperty.STRING_TYPE,
                null);
        p.setReadOnly(true);
        return p;
    }

    /** The columns of the list, first one linking to the row. */
    abstract List<String> columns();

    /** What manages the rows, for the refusal message. */
    abstract String managedBy();

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return columns().stream().map(ReadOnlyPage::field).toList();
    }

    @Override
    public Map<String, Object> getTypeMetadata() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(
                "displayFields",
                new ArrayList<>(columns().subList(0, Math.min(3, columns().size()))));
        return metadata;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        if (!CustosConsole.syncing(session) && CustosConsole.isComponentsRequest(session)) {
            throw new ComponentValidationException("This Custos page is read-only: " + managedBy());
        }
    }

    @Override
    public UiPageProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void close() {}
}
