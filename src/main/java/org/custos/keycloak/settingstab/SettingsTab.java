package org.custos.keycloak.settingstab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.CustosTokens;
import org.custos.keycloak.model.StatelessFactory;
import org.custos.keycloak.service.settings.CustosSettings;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * The "Custos" tab of Realm settings: agents on or off, the agents' access-token lifetime, the audit log on or
 * off, and whether the console lists the realm's secrets (one row per secret, off unless turned on: each secret write
 * then
 * costs in proportion to the realm's number of secrets; turning it on lists every stored secret). Saving applies the
 * settings to the realm (what the Custos API's enable calls do) and the Custos API's calls
 * write their result back here, so the tab shows the realm as it is. Saving needs {@code manage-realm}.
 */
public final class SettingsTab
        implements UiTabProvider, UiTabProviderFactory<ComponentModel>, StatelessFactory<UiTabProvider> {

    public static final String ID = "custos";
    static final String AGENTS = "agents_enabled";
    static final String LIFETIME = "agent_token_lifetime";
    static final String LOGGING = "logging_enabled";
    static final String AUDIT_DECISIONS = "audit_decisions";
    static final String CLIENTS = "custos_clients";

    /** The realm's settings as the tab shows them. */
    static Map<String, String> current(RealmModel realm) {
        CustosSettings.Values values = CustosSettings.read(realm);
        Map<String, String> row = new LinkedHashMap<>();
        row.put(AGENTS, String.valueOf(values.agents()));
        row.put(LIFETIME, values.agentTokenLifetime() == null ? "" : String.valueOf(values.agentTokenLifetime()));
        row.put(LOGGING, String.valueOf(values.auditLog()));
        row.put(AUDIT_DECISIONS, String.valueOf(values.auditDecisions()));
        row.put(CLIENTS, CustosSettings.custosClients(realm));
        return row;
    }

    /** auditDecisions null: the form did not say (a client that predates the field), so it stays as it is. */
    private record Settings(
            boolean agents, Long lifetime, boolean logging, Boolean auditDecisions, String custosClients) {}

    private static Settings parse(RealmModel realm, ComponentModel model) {
        boolean agents = Boolean.parseBoolean(model.get(AGENTS));
        String text = model.get(LIFETIME) == null ? "" : model.get(LIFETIME).trim();
        Long lifetime = null;
        if (!text.isEmpty()) {
            try {
                lifetime = Long.valueOf(text);
            } catch (NumberFormatException e) {
                lifetime = -1L;
            }
            if (lifetime <= 0) {
                throw new ComponentValidationException(
                        "Agent token lifetime must be a positive number of seconds, or empty for the realm default");
            }
            if (!agents) {
                throw new ComponentValidationException("Agent token lifetime needs agents enabled");
            }
        }
        if (!agents && CustosSettings.agentsEnabled(realm)) {
            long registered = CustosSettings.agents(realm).size();
            if (registered > 0) {
                throw new ComponentValidationException(
                        registered + " agent(s) are registered: delete them before turning agents off");
            }
        }
        String clients = model.get(CLIENTS);
        if (clients != null) {
            for (String id : clients.trim().split("[,\\s]+")) {
                if (!id.isBlank() && !id.equals(CustosTokens.NONE) && realm.getClientByClientId(id) == null) {
                    throw new ComponentValidationException("Custos clients: no client '" + id + "' in this realm");
                }
            }
        }
        return new Settings(
                agents,
                lifetime,
                Boolean.parseBoolean(model.get(LOGGING)),
                optional(model.get(AUDIT_DECISIONS)),
                clients);
    }

    /** A switch the form may leave out (a client that predates it): null, and it stays as it is. */
    private static Boolean optional(String value) {
        return value == null || value.isBlank() ? null : Boolean.valueOf(value);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        if (!CustosConsole.syncing(session)) {
            parse(realm, model);
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        apply(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        apply(session, realm, newModel);
    }

    private static void apply(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (CustosConsole.syncing(session)) {
            return;
        }
        Settings settings = parse(realm, model);
        if (settings.agents()) {
            CustosSettings.enableAgents(realm);
            CustosSettings.setAgentTokenLifetime(realm, settings.lifetime());
        } else {
            CustosSettings.disableAgents(realm);
        }
        if (settings.logging() != realm.isAdminEventsEnabled()) {
            CustosSettings.setAuditLog(realm, settings.logging());
        }
        if (settings.auditDecisions() != null) {
            CustosSettings.setAuditDecisions(realm, settings.auditDecisions());
        }
        if (settings.custosClients() != null) {
            CustosSettings.setCustosClients(realm, settings.custosClients());
        }
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", "custos");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of(
                property(AGENTS, ProviderConfigProperty.BOOLEAN_TYPE, "false"),
                property(LIFETIME, ProviderConfigProperty.STRING_TYPE, null),
                property(LOGGING, ProviderConfigProperty.BOOLEAN_TYPE, "false"),
                property(AUDIT_DECISIONS, ProviderConfigProperty.BOOLEAN_TYPE, "false"),
                property(CLIENTS, ProviderConfigProperty.STRING_TYPE, null));
    }

    private static ProviderConfigProperty property(String name, String type, Object defaultValue) {
        return new ProviderConfigProperty(
                name, "custos.field." + name, "custos.field." + name + ".help", type, defaultValue);
    }

    @Override
    public String getHelpText() {
        return "custos.help";
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public UiTabProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void close() {}
}
