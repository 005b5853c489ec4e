package org.custos.keycloak.service.agents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.agents.AgentViews;
import org.custos.keycloak.representation.users.UserAttribute;
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
 * attributes, roles and mappers end up in agent tokens.
 */
public final class AgentService {

    static final String CONTAINER = CustosSettings.AGENT_CONTAINER;
    static final String LIFESPAN = CustosSettings.LIFESPAN;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CallerContext callerContext;
    private final Caller caller;

    public AgentService(KeycloakSession session, CallerContext callerContext) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.callerContext = callerContext;
        this.caller = callerContext.authenticate();
    }

    private AdminEvents events() {
        return new AdminEvents(session, caller);
    }

    /** Realm-level agent configuration: enabling, token lifetime, roles, protocol mappers. */
    public AgentSetup setup() {
        return new AgentSetup(session, realm, events());
    }

    ClientModel container() {
        ClientModel container = realm.getClientByClientId(CONTAINER);
        if (container == null) {
            throw CustosException.forbidden(
                    "agents are not enabled in this realm: POST agent-management/v1.0.0/enable first");
        }
        return container;
    }

    /** Registers an agent; the secret is returned here and never again. */
    public AgentViews.Registered register(AgentViews.Register request) {
        ClientModel container = container();
        String id = request.id();
        if (id == null || id.isBlank()) {
            throw CustosException.invalidField("id", "is required");
        }
        if (!id.matches("[A-Za-z0-9._:@-]{1,255}")) {
            // An agent's id goes into the realm's list of Custos clients: no separators, nothing but a name.
            throw CustosException.invalidField("id", "may hold only letters, digits and . _ : @ - (at most 255)");
        }
        if (realm.getClientByClientId(id) != null || session.users().getUserByUsername(realm, id) != null) {
            throw CustosException.conflict("the id '" + id + "' is taken by a client or user of this realm");
        }
        List<RoleModel> realmRoles = roles(request.realmRoles(), false, "realm_roles");
        List<RoleModel> clientRoles = roles(request.clientRoles(), true, "client_roles");
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(id);
        rep.setName("Custos agent " + id);
        rep.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        rep.setPublicClient(false);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setImplicitFlowEnabled(false);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(CustosSettings.AGENT_MARKER, "true");
        attributes.put("client_credentials.use_refresh_token", "true");
        if (container.getAttribute(LIFESPAN) != null) {
            attributes.put(LIFESPAN, container.getAttribute(LIFESPAN));
        }
        rep.setAttributes(attributes);
        ClientModel client = ClientManager.createClient(session, realm, rep);
        CustosSettings.agentRegistered(realm, id);
        CustosSettings.changed(session, realm);
        String secret = KeycloakModelUtils.generateSecret(client);
        new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        client.addClientScope(CustosSettings.agentScope(realm), true);
        UserModel account = session.users().getServiceAccount(client);
        realmRoles.forEach(account::grantRole);
        clientRoles.forEach(account::grantRole);
        setAttributes(account, request.attributes());
        events().emit(
                        OperationType.CREATE,
                        ResourceType.CLIENT,
                        Map.of("clientId", id, "agent", true),
                        "clients",
                        client.getId());
        return new AgentViews.Registered(id, secret);
    }

    /** The agent with this id; 404 for anything that is not an agent of this realm. */
    public ClientModel require(String id) {
        container();
        if (id == null || id.isBlank()) {
            throw CustosException.invalidField("id", "is required");
        }
        ClientModel client = realm.getClientByClientId(id);
        if (!CustosSettings.isAgent(client)) {
            throw CustosException.notFound("agent '" + id + "' not found");
        }
        return client;
    }

    public List<ClientModel> agents() {
        return CustosSettings.agents(realm);
    }

    public void delete(String id) {
        ClientModel agent = require(id);
        String internalId = agent.getId();
        CustosSettings.agentDeleted(realm, agent.getClientId());
        CustosSettings.changed(session, realm);
        new ClientManager(new RealmManager(session)).removeClient(realm, agent);
        events().emit(OperationType.DELETE, ResourceType.CLIENT, null, "clients", internalId);
    }

    public void setEnabled(String id, boolean enabled) {
        ClientModel agent = require(id);
        agent.setEnabled(enabled);
        if (!enabled) {
            session.sessions().removeUserSessions(realm, account(agent));
        }
        events().emit(OperationType.UPDATE, ResourceType.CLIENT, Map.of("enabled", enabled), "clients", agent.getId());
    }

    /** Agents × roles, or agents × attribute values: what one request may write. */
    private static void requireBoundedChanges(List<String> ids, List<?> items) {
        long each = items == null
                ? 0
                : items.stream()
                        .mapToLong(i -> i instanceof UserAttribute a && a.values() != null
                                ? Math.max(1, a.values().size())
                                : 1)
                        .sum();
        RequestLimits.requireChanges((long) (ids == null ? 0 : ids.size()) * each, "agents × roles or values");
    }

    public void addAttributes(List<String> ids, List<UserAttribute> attributes) {
        requireBoundedChanges(ids, attributes);
        for (ClientModel agent : requireAll(ids)) {
            setAttributes(account(agent), attributes);
            events().emit(
                            OperationType.UPDATE,
                            ResourceType.CLIENT,
                            Map.of("attributes", AdminEvents.summary(keys(attributes))),
                            "clients",
                            agent.getId());
        }
    }

    public void deleteAttributes(List<String> ids, List<UserAttribute> attributes) {
        requireBoundedChanges(ids, attributes);
        validate(attributes);
        for (ClientModel agent : requireAll(ids)) {
            UserModel account = account(agent);
            for (UserAttribute a : attributes) {
                List<String> kept = account.getAttributeStream(a.key())
                        .filter(v -> !a.values().contains(v))
                        .toList();
                if (kept.isEmpty()) {
                    account.removeAttribute(a.key());
                } else {
                    account.setAttribute(a.key(), kept);
                }
            }
            events().emit(
                            OperationType.UPDATE,
                            ResourceType.CLIENT,
                            Map.of("removed_attributes", AdminEvents.summary(keys(attributes))),
                            "clients",
                            agent.getId());
        }
    }

    public void addRoles(List<String> ids, List<String> roleNames, boolean clientLevel) {
        requireBoundedChanges(ids, roleNames);
        List<RoleModel> roles = roles(roleNames, clientLevel, "roles");
        List<ClientModel> agents = requireAll(ids);
        agents.forEach(agent -> requireMapRoles(account(agent)));
        for (ClientModel agent : agents) {
            roles.forEach(account(agent)::grantRole);
            events().emit(
                            OperationType.CREATE,
                            ResourceType.REALM_ROLE_MAPPING,
                            AdminEvents.summary(roleNames),
                            "clients",
                            agent.getId(),
                            "roles");
        }
    }

    public void deleteRoles(String id, List<String> realmRoleNames, List<String> clientRoleNames) {
        ClientModel agent = require(id);
        List<RoleModel> roles = new ArrayList<>(roles(realmRoleNames, false, "roles"));
        roles.addAll(roles(clientRoleNames, true, "client_roles"));
        requireMapRoles(account(agent));
        roles.forEach(account(agent)::deleteRoleMapping);
        events().emit(
                        OperationType.DELETE,
                        ResourceType.REALM_ROLE_MAPPING,
                        AdminEvents.summary(
                                roles.stream().map(RoleModel::getName).toList()),
                        "clients",
                        agent.getId(),
                        "roles");
    }

    public UserModel account(ClientModel agent) {
        UserModel account = session.users().getServiceAccount(agent);
        if (account == null) {
            throw new IllegalStateException("agent " + agent.getClientId() + " has no service account");
        }
        return account;
    }

    public AgentViews.Agent describe(ClientModel agent) {
        if (session.users().getServiceAccount(agent) == null) {
            // Service accounts turned off on the agent's client in Keycloak's console: listed, without roles.
            return new AgentViews.Agent(agent.getClientId(), List.of(), List.of(), agent.isEnabled(), 0, 0, List.of());
        }
        UserModel account = account(agent);
        ClientModel container = realm.getClientByClientId(CONTAINER);
        List<UserAttribute> attributes = account.getAttributes().entrySet().stream()
                .filter(e ->
                        !Set.of("username", "email", "firstName", "lastName").contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new UserAttribute(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        double created = account.getCreatedTimestamp() == null ? 0 : account.getCreatedTimestamp();
        return new AgentViews.Agent(
                agent.getClientId(),
                account.getRealmRoleMappingsStream()
                        .map(RoleModel::getName)
                        .filter(n -> !n.equals(realm.getDefaultRole().getName()))
                        .sorted()
                        .toList(),
                attributes,
                agent.isEnabled(),
                created,
                created,
                container == null
                        ? List.of()
                        : account.getClientRoleMappingsStream(container)
                                .map(RoleModel::getName)
                                .sorted()
                                .toList());
    }

    private List<ClientModel> requireAll(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw CustosException.invalidField("agents", "must name at least one agent");
        }
        return ids.stream().distinct().map(this::require).toList();
    }

    /** The user side of Keycloak's role-mapping check, for an agent's service account. */
    private void requireMapRoles(UserModel account) {
        if (!callerContext.admin().canMapRoles(account)) {
            throw CustosException.forbidden("the caller may not map roles onto this agent's account");
        }
    }

    private List<RoleModel> roles(List<String> names, boolean clientLevel, String field) {
        if (names == null) {
            return List.of();
        }
        ClientModel container = container();
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names) {
            RoleModel role = name == null ? null : clientLevel ? container.getRole(name) : realm.getRole(name);
            if (role == null) {
                throw CustosException.invalidField(field, "names the role '" + name + "', which does not exist");
            }
            callerContext.requireCanGrant(role);
            roles.add(role);
        }
        return roles;
    }

    private static void validate(List<UserAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            throw CustosException.invalidField("attributes", "must hold at least one {key, values}");
        }
        for (UserAttribute a : attributes) {
            if (a == null
                    || a.key() == null
                    || a.key().isBlank()
                    || a.values() == null
                    || a.values().contains(null)) {
                throw CustosException.invalidField("attributes[]", "must be {key, values[]}");
            }
            if (Set.of("username", "email", "firstName", "lastName", "custos-realm-agent")
                    .contains(a.key())) {
                throw CustosException.badRequest("attribute key '" + a.key() + "' is reserved");
            }
        }
    }

    private void setAttributes(UserModel account, List<UserAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return;
        }
        validate(attributes);
        for (UserAttribute a : attributes) {
            account.setAttribute(a.key(), List.copyOf(a.values()));
        }
    }

    private static List<String> keys(List<UserAttribute> attributes) {
        return attributes == null
                ? List.of()
                : attributes.stream().map(UserAttribute::key).toList();
    }
}
