package org.custos.keycloak.service.agents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

/**
 * Custos agents as Keycloak itself models machine identities: each agent is a confidential client with a service
 * account (the console lists it under Clients). Realm roles and attributes go to the service account; agent client
 * roles live on one per-realm container client; protocol mappers live on one client scope every agent has, so
 * attributes, roles and mappers end up in agent tokens. The caller's rights were checked by the resource
 * ({@link org.custos.keycloak.auth.AgentRules}); the caller is here only to sign the admin events.
 */
public final class AgentService {

    static final String CONTAINER = CustosSettings.AGENT_CONTAINER;
    static final String LIFESPAN = CustosSettings.LIFESPAN;
    /** Attribute keys an agent's account keeps for Keycloak and for us. */
    static final Set<String> RESERVED_ATTRIBUTES =
            Set.of("username", "email", "firstName", "lastName", "custos-realm-agent");

    /** What Custos shows of an agent: its client id, its account's roles and attributes, on or off. */
    public record Agent(
            String id,
            List<String> realmRoles,
            Map<String, List<String>> attributes,
            boolean enabled,
            long createdTimestamp,
            List<String> clientRoles) {}

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEvents events;

    public AgentService(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.events = new AdminEvents(session, caller);
    }

    /** Realm-level agent configuration: enabling, token lifetime, roles, protocol mappers. */
    public AgentSetup setup() {
        return new AgentSetup(session, realm, events);
    }

    /** The realm's agent role container; 403 while agents are not enabled. */
    ClientModel container() {
        ClientModel container = realm.getClientByClientId(CONTAINER);
        if (container == null) {
            throw CustosException.forbidden(
                    "agents are not enabled in this realm: POST agent-management/v1.0.0/enable first");
        }
        return container;
    }

    /** A realm role, or with {@code clientLevel} an agent client role; empty when there is none of that name. */
    public java.util.Optional<RoleModel> role(String name, boolean clientLevel) {
        ClientModel container = container();
        return java.util.Optional.ofNullable(
                name == null ? null : clientLevel ? container.getRole(name) : realm.getRole(name));
    }

    /** Registers an agent with these roles and attributes; its secret is returned here and never again. */
    public String register(
            String id, List<RoleModel> realmRoles, List<RoleModel> clientRoles, Map<String, List<String>> attributes) {
        ClientModel container = container();
        if (realm.getClientByClientId(id) != null || session.users().getUserByUsername(realm, id) != null) {
            throw CustosException.conflict("the id '" + id + "' is taken by a client or user of this realm");
        }
        requireUnreserved(attributes);
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(id);
        rep.setName("Custos agent " + id);
        rep.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        rep.setPublicClient(false);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setImplicitFlowEnabled(false);
        Map<String, String> clientAttributes = new HashMap<>();
        clientAttributes.put(CustosSettings.AGENT_MARKER, "true");
        clientAttributes.put("client_credentials.use_refresh_token", "true");
        if (container.getAttribute(LIFESPAN) != null) {
            clientAttributes.put(LIFESPAN, container.getAttribute(LIFESPAN));
        }
        rep.setAttributes(clientAttributes);
        ClientModel client = ClientManager.createClient(session, realm, rep);
        CustosSettings.agentRegistered(realm, id);
        CustosSettings.changed(session, realm);
        String secret = KeycloakModelUtils.generateSecret(client);
        new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        client.addClientScope(CustosSettings.agentScope(realm), true);
        UserModel account = session.users().getServiceAccount(client);
        realmRoles.forEach(account::grantRole);
        clientRoles.forEach(account::grantRole);
        attributes.forEach((key, values) -> account.setAttribute(key, List.copyOf(values)));
        events.emit(
                OperationType.CREATE,
                ResourceType.CLIENT,
                Map.of("clientId", id, "agent", true),
                "clients",
                client.getId());
        return secret;
    }

    /** The agent with this client id; 404 for anything that is not an agent of this realm. */
    public ClientModel require(String id) {
        container();
        ClientModel client = id == null ? null : realm.getClientByClientId(id);
        if (!CustosSettings.isAgent(client)) {
            throw CustosException.notFound("agent '" + id + "' not found");
        }
        return client;
    }

    public List<ClientModel> agents() {
        return CustosSettings.agents(realm);
    }

    public void delete(ClientModel agent) {
        String internalId = agent.getId();
        CustosSettings.agentDeleted(realm, agent.getClientId());
        CustosSettings.changed(session, realm);
        new ClientManager(new RealmManager(session)).removeClient(realm, agent);
        events.emit(OperationType.DELETE, ResourceType.CLIENT, null, "clients", internalId);
    }

    public void setEnabled(ClientModel agent, boolean enabled) {
        agent.setEnabled(enabled);
        if (!enabled) {
            session.sessions().removeUserSessions(realm, account(agent));
        }
        events.emit(OperationType.UPDATE, ResourceType.CLIENT, Map.of("enabled", enabled), "clients", agent.getId());
    }

    /** Sets these attributes (key → values) on each agent's account. */
    public void addAttributes(List<ClientModel> agents, Map<String, List<String>> attributes) {
        requireUnreserved(attributes);
        for (ClientModel agent : agents) {
            UserModel account = account(agent);
            attributes.forEach((key, values) -> account.setAttribute(key, List.copyOf(values)));
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.CLIENT,
                    Map.of("attributes", AdminEvents.summary(List.copyOf(attributes.keySet()))),
                    "clients",
                    agent.getId());
        }
    }

    /** Removes these values of these attributes from each agent's account (an attribute left empty goes). */
    public void deleteAttributes(List<ClientModel> agents, Map<String, List<String>> attributes) {
        requireUnreserved(attributes);
        for (ClientModel agent : agents) {
            UserModel account = account(agent);
            attributes.forEach((key, values) -> {
                List<String> kept = account.getAttributeStream(key)
                        .filter(v -> !values.contains(v))
                        .toList();
                if (kept.isEmpty()) {
                    account.removeAttribute(key);
                } else {
                    account.setAttribute(key, kept);
                }
            });
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.CLIENT,
                    Map.of("removed_attributes", AdminEvents.summary(List.copyOf(attributes.keySet()))),
                    "clients",
                    agent.getId());
        }
    }

    public void addRoles(List<ClientModel> agents, List<RoleModel> roles) {
        for (ClientModel agent : agents) {
            roles.forEach(account(agent)::grantRole);
            events.emit(
                    OperationType.CREATE,
                    ResourceType.REALM_ROLE_MAPPING,
                    AdminEvents.summary(roles.stream().map(RoleModel::getName).toList()),
                    "clients",
                    agent.getId(),
                    "roles");
        }
    }

    public void deleteRoles(ClientModel agent, List<RoleModel> roles) {
        roles.forEach(account(agent)::deleteRoleMapping);
        events.emit(
                OperationType.DELETE,
                ResourceType.REALM_ROLE_MAPPING,
                AdminEvents.summary(roles.stream().map(RoleModel::getName).toList()),
                "clients",
                agent.getId(),
                "roles");
    }

    /** The agent's service account: the user its roles and attributes live on. */
    public UserModel account(ClientModel agent) {
        UserModel account = session.users().getServiceAccount(agent);
        if (account == null) {
            throw new IllegalStateException("agent " + agent.getClientId() + " has no service account");
        }
        return account;
    }

    public Agent describe(ClientModel agent) {
        if (session.users().getServiceAccount(agent) == null) {
            // Service accounts turned off on the agent's client in Keycloak's console: listed, without roles.
            return new Agent(agent.getClientId(), List.of(), Map.of(), agent.isEnabled(), 0, List.of());
        }
        UserModel account = account(agent);
        ClientModel container = realm.getClientByClientId(CONTAINER);
        Map<String, List<String>> attributes = new TreeMap<>();
        account.getAttributes().forEach((key, values) -> {
            if (!Set.of("username", "email", "firstName", "lastName").contains(key)) {
                attributes.put(key, List.copyOf(values));
            }
        });
        return new Agent(
                agent.getClientId(),
                account.getRealmRoleMappingsStream()
                        .map(RoleModel::getName)
                        .filter(n -> !n.equals(realm.getDefaultRole().getName()))
                        .sorted()
                        .toList(),
                attributes,
                agent.isEnabled(),
                account.getCreatedTimestamp() == null ? 0 : account.getCreatedTimestamp(),
                container == null
                        ? List.of()
                        : account.getClientRoleMappingsStream(container)
                                .map(RoleModel::getName)
                                .sorted()
                                .toList());
    }

    private static void requireUnreserved(Map<String, List<String>> attributes) {
        for (String key : attributes.keySet()) {
            if (RESERVED_ATTRIBUTES.contains(key)) {
                throw CustosException.badRequest("attribute key '" + key + "' is reserved");
            }
        }
    }

    /** The accounts of these agents, in order. */
    public List<UserModel> accounts(List<ClientModel> agents) {
        List<UserModel> accounts = new ArrayList<>();
        agents.forEach(agent -> accounts.add(account(agent)));
        return accounts;
    }
}
