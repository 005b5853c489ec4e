package org.custos.keycloak.service.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.AgentRules;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.model.legacy.LegacyDatabase;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.service.agents.AgentService;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * A legacy tenant's agents. Custos kept each agent as a Keycloak user of the realm (attribute
 * {@code custos-realm-agent}) with its secret in Vault ({@code secret/<tenant>/<agent>}); here an agent is a client
 * with a service account. Each becomes an agent client with the same id and the same secret — so its gateway's
 * {@code base64(agentId:secret)} keeps working — its realm and agent-client roles (each one the caller may grant, as
 * Keycloak checks a role mapping), its attributes and its status. The legacy user is disabled and renamed
 * ({@code <agent>.legacy-agent}), not deleted. Registering needs {@code manage-clients}, asked only when the tenant has
 * agents.
 */
final class LegacyAgents {

    static final String RENAMED = ".legacy-agent";
    /** Attributes Custos set on every agent for its own bookkeeping. */
    private static final Set<String> MARKERS = Set.of(UserService.AGENT_ATTRIBUTE, "agent-id", "agent-parent-id");
    /** Attributes an agent's account keeps for Keycloak: never taken from Custos's rows. */
    private static final Set<String> RESERVED = Set.of("username", "email", "firstName", "lastName");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LegacyTenant tenant;
    private final AgentRules rules;
    private final Caller caller;
    private final List<String> notes;
    private int registered;
    private int unchanged;

    LegacyAgents(
            KeycloakSession session,
            RealmModel realm,
            LegacyTenant tenant,
            AgentRules rules,
            Caller caller,
            List<String> notes) {
        this.session = session;
        this.realm = realm;
        this.tenant = tenant;
        this.rules = rules;
        this.caller = caller;
        this.notes = notes;
    }

    int registered() {
        return registered;
    }

    int unchanged() {
        return unchanged;
    }

    void carry(VaultExport vault) {
        if (tenant.agents().isEmpty()) {
            return;
        }
        rules.requireManage();
        AgentService agents = new AgentService(session, caller);
        if (realm.getClientByClientId(CustosSettings.AGENT_CONTAINER) == null) {
            agents.setup().enable(); // the tenant had agents: so has the realm now
        }
        List<String> skipped = new ArrayList<>();
        for (LegacyTenant.Agent a : tenant.agents()) {
            String id = (a.agentId() != null ? a.agentId() : LegacyDatabase.external(a.id(), "@" + tenant.id()))
                    .toLowerCase(Locale.ROOT);
            String why = carry(agents, a, id, vault);
            if (why != null) {
                skipped.add(id + " (" + why + ")");
            }
        }
        if (!skipped.isEmpty()) {
            notes.add(skipped.size() + " agents not carried: " + LegacyShares.quote(skipped));
        }
    }

    /** Registers one agent; the reason it cannot be, or null. */
    private String carry(AgentService agents, LegacyTenant.Agent a, String id, VaultExport vault) {
        Map<String, String> fields = vault.fields("secret/" + tenant.id() + "/" + id);
        String secret = fields == null ? null : fields.get("secret");
        if (secret == null || secret.isEmpty()) {
            return "no secret at secret/" + tenant.id() + "/" + id + " in the Vault export";
        }
        ClientModel existing = realm.getClientByClientId(id);
        if (existing != null) {
            if (!CustosSettings.isAgent(existing)) {
                return "a client of the realm has this id";
            }
            if (!same(existing.getSecret(), secret)) {
                return "an agent with this id is here with another secret";
            }
            unchanged++;
            return null;
        }
        UserModel legacyUser = session.users().getUserByUsername(realm, id);
        if (legacyUser != null && !"true".equals(legacyUser.getFirstAttribute(UserService.AGENT_ATTRIBUTE))) {
            return "a user of the realm who is not Custos's agent has this name";
        }
        if (legacyUser != null && session.users().getUserByUsername(realm, id + RENAMED) != null) {
            return "the name " + id + RENAMED + " for Custos's agent user is taken";
        }
        if (session.users().getUserByUsername(realm, "service-account-" + id) != null) {
            return "the name service-account-" + id + " is taken";
        }
        List<RoleModel> realmRoles = new ArrayList<>();
        List<RoleModel> clientRoles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        a.realmRoles().forEach(r -> add(agents.role(r, false).orElse(null), r, realmRoles, missing));
        a.clientRoles().forEach(r -> add(agents.role(r, true).orElse(null), r, clientRoles, missing));
        if (!missing.isEmpty()) {
            return "roles not in the realm: " + String.join(", ", missing);
        }
        List<RoleModel> all = new ArrayList<>(realmRoles);
        all.addAll(clientRoles);
        rules.requireGrant(all);
        Map<String, List<String>> attributes = new LinkedHashMap<>(a.attributes());
        MARKERS.forEach(attributes::remove);
        RESERVED.forEach(attributes::remove);
        if (legacyUser != null) {
            try {
                legacyUser.setUsername(id + RENAMED);
                legacyUser.setEnabled(false);
            } catch (ReadOnlyException e) { // a user federated read-only (LDAP): left as it is
                return "Custos's agent user is read-only here (federated): rename or remove it first";
            }
        }
        agents.register(id, realmRoles, clientRoles, attributes);
        ClientModel client = realm.getClientByClientId(id);
        client.setSecret(secret);
        if ("DISABLED".equals(a.status())) {
            agents.setEnabled(client, false);
        }
        registered++;
        return null;
    }

    private static void add(RoleModel role, String name, List<RoleModel> into, List<String> missing) {
        if (role == null) {
            missing.add(name);
        } else {
            into.add(role);
        }
    }

    private static boolean same(String a, String b) {
        return a != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
