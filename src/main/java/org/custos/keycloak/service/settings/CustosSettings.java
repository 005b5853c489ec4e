package org.custos.keycloak.service.settings;

import java.util.List;
import org.custos.keycloak.auth.CustosTokens;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.CustosEvents;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The one home of a realm's Custos settings — agents on or off, the agents' access-token lifetime, the audit log,
 * whether the console lists secrets — read and written here by the API's services and the console's settings tab
 * alike. Each setting lives where Keycloak keeps its own equivalent (a container client and client scope for agents,
 * the realm's event settings for the audit log, a realm attribute for the console), so Keycloak's export, import and
 * cache carry it. Every change is announced with {@link CustosEvents.SettingsChanged}.
 */
public final class CustosSettings {

    /** Role container and "agents enabled" marker of a realm. */
    public static final String AGENT_CONTAINER = "custos-agents";
    /** Client scope holding the agents' protocol mappers. */
    public static final String AGENT_SCOPE = "custos-agent";
    /** Client attribute marking an agent. */
    public static final String AGENT_MARKER = CustosTokens.AGENT_MARKER;
    /** Keycloak's client attribute for the access-token lifetime. */
    public static final String LIFESPAN = "access.token.lifespan";
    /**
     * Realm attribute: "true" records every AuthZEN decision request as an admin event (when the realm stores admin
     * events). Off unless turned on: a decision point may ask thousands of questions a second.
     */
    public static final String AUDIT_DECISIONS_ATTRIBUTE = "custos.audit.decisions";

    private CustosSettings() {}

    /** The realm's settings as a whole; {@code agentTokenLifetime} null means Keycloak's default. */
    public record Values(boolean agents, Long agentTokenLifetime, boolean auditLog, boolean auditDecisions) {}

    public static Values read(RealmModel realm) {
        return new Values(
                agentsEnabled(realm), agentTokenLifetime(realm), realm.isAdminEventsEnabled(), auditDecisions(realm));
    }

    public static void changed(KeycloakSession session, RealmModel realm) {
        CustosEvents.publish(session, new CustosEvents.SettingsChanged(session, realm));
    }

    // ---------------------------------------------------------------- agents

    public static boolean isAgent(ClientModel client) {
        return client != null && "true".equals(client.getAttribute(AGENT_MARKER));
    }

    public static List<ClientModel> agents(RealmModel realm) {
        return realm.getClientsStream().filter(CustosSettings::isAgent).toList();
    }

    public static boolean agentsEnabled(RealmModel realm) {
        return realm.getClientByClientId(AGENT_CONTAINER) != null;
    }

    /** Enables agents in a realm; returns the container when this call created it, null when it existed. */
    public static ClientModel enableAgents(RealmModel realm) {
        ClientModel created = null;
        if (realm.getClientByClientId(AGENT_CONTAINER) == null) {
            created = realm.addClient(AGENT_CONTAINER);
            created.setName("Custos agents (role container)");
            created.setDescription("Holds the client roles of Custos agents; not used to log in.");
            created.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            created.setBearerOnly(true);
            created.setPublicClient(false);
            created.setStandardFlowEnabled(false);
        }
        agentScope(realm);
        return created;
    }

    /** Turns agents off in a realm that has none: removes the role container and the agents' client scope. */
    public static void disableAgents(RealmModel realm) {
        long registered = agents(realm).size();
        if (registered > 0) {
            throw CustosException.conflict(
                    registered + " agent(s) are registered in this realm: delete them before " + "turning agents off");
        }
        ClientModel container = realm.getClientByClientId(AGENT_CONTAINER);
        if (container != null) {
            realm.removeClient(container.getId());
        }
        realm.getClientScopesStream()
                .filter(s -> s.getName().equals(AGENT_SCOPE))
                .findFirst()
                .ifPresent(s -> realm.removeClientScope(s.getId()));
    }

    /** The agents' client scope, created when missing. */
    public static ClientScopeModel agentScope(RealmModel realm) {
        return realm.getClientScopesStream()
                .filter(s -> s.getName().equals(AGENT_SCOPE))
                .findFirst()
                .orElseGet(() -> {
                    ClientScopeModel s = realm.addClientScope(AGENT_SCOPE);
                    s.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
                    s.setDescription("Protocol mappers of Custos agents");
                    s.setIncludeInTokenScope(false);
                    return s;
                });
    }

    /** The access-token lifetime, in seconds, of every agent, present and future (null when Keycloak's default). */
    public static Long agentTokenLifetime(RealmModel realm) {
        ClientModel container = realm.getClientByClientId(AGENT_CONTAINER);
        String value = container == null ? null : container.getAttribute(LIFESPAN);
        return value == null || value.isBlank() ? null : Long.valueOf(value);
    }

    /** Sets (or, with null, clears) the access-token lifetime of every agent; agents must be enabled. */
    public static void setAgentTokenLifetime(RealmModel realm, Long seconds) {
        ClientModel container = realm.getClientByClientId(AGENT_CONTAINER);
        if (container == null) {
            throw CustosException.forbidden(
                    "agents are not enabled in this realm: POST agent-management/v1.0.0/enable " + "first");
        }
        if (seconds == null) {
            container.removeAttribute(LIFESPAN);
            agents(realm).forEach(a -> a.removeAttribute(LIFESPAN));
        } else {
            container.setAttribute(LIFESPAN, String.valueOf(seconds));
            agents(realm).forEach(a -> a.setAttribute(LIFESPAN, String.valueOf(seconds)));
        }
    }

    // ---------------------------------------------------------------- Custos clients

    /** The realm's Custos clients as listed (see {@link CustosTokens}); empty: every confidential client. */
    public static String custosClients(RealmModel realm) {
        java.util.Set<String> listed = CustosTokens.listedClients(realm);
        return CustosTokens.listsClients(realm) && listed.isEmpty() ? CustosTokens.NONE : String.join(",", listed);
    }

    /**
     * Lists the realm's Custos clients (blank: the realm lists none, and every confidential client counts;
     * {@value CustosTokens#NONE}: no client counts); every id must name a client of the realm.
     */
    public static void setCustosClients(RealmModel realm, String clientIds) {
        List<String> ids =
                clientIds == null ? List.of() : List.of(clientIds.trim().split("[,\\s]+"));
        boolean none = ids.contains(CustosTokens.NONE);
        ids = ids.stream()
                .filter(id -> !id.isBlank() && !id.equals(CustosTokens.NONE))
                .distinct()
                .toList();
        for (String id : ids) {
            if (realm.getClientByClientId(id) == null) {
                throw CustosException.invalidField("custos_clients", "no client '" + id + "' in this realm");
            }
        }
        if (ids.isEmpty() && !none) {
            realm.removeAttribute(CustosTokens.CLIENTS_ATTRIBUTE);
        } else {
            realm.setAttribute(
                    CustosTokens.CLIENTS_ATTRIBUTE, ids.isEmpty() ? CustosTokens.NONE : String.join(",", ids));
        }
    }

    /** A new agent acts in Custos: a realm that lists its Custos clients gets it added to the list. */
    public static void agentRegistered(RealmModel realm, String clientId) {
        java.util.Set<String> listed = new java.util.LinkedHashSet<>(CustosTokens.listedClients(realm));
        if (CustosTokens.listsClients(realm) && listed.add(clientId)) {
            realm.setAttribute(CustosTokens.CLIENTS_ATTRIBUTE, String.join(",", listed));
        }
    }

    /**
     * A deleted agent, or any client removed, leaves the realm's list of Custos clients (a later client of that id is
     * not trusted by name).
     */
    public static void agentDeleted(RealmModel realm, String clientId) {
        java.util.Set<String> listed = new java.util.LinkedHashSet<>(CustosTokens.listedClients(realm));
        if (listed.remove(clientId)) {
            // An emptied list stays a list: the realm does not fall back to trusting every confidential client.
            realm.setAttribute(
                    CustosTokens.CLIENTS_ATTRIBUTE, listed.isEmpty() ? CustosTokens.NONE : String.join(",", listed));
        }
    }

    // ---------------------------------------------------------------- audit log and console

    /**
     * Turns the realm's audit log on (admin events with their details, and login events) or off (admin events and
     * their details; login events are Keycloak's and stay as they are).
     */
    public static void setAuditLog(RealmModel realm, boolean enabled) {
        realm.setAdminEventsEnabled(enabled);
        realm.setAdminEventsDetailsEnabled(enabled);
        if (enabled) {
            realm.setEventsEnabled(true);
        }
    }

    public static boolean auditDecisions(RealmModel realm) {
        return "true".equals(realm.getAttribute(AUDIT_DECISIONS_ATTRIBUTE));
    }

    public static void setAuditDecisions(RealmModel realm, boolean on) {
        realm.setAttribute(AUDIT_DECISIONS_ATTRIBUTE, String.valueOf(on));
    }
}
