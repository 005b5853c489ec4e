package org.custos.keycloak.service.agents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.NewRole;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * What agents share in a realm: agents on, their access-token lifetime, the client roles agents can hold (on one
 * container client) and the protocol mappers every agent's tokens get (on one client scope).
 */
public final class AgentSetup {

    private static final String CONTAINER = CustosSettings.AGENT_CONTAINER;
    private static final String LIFESPAN = CustosSettings.LIFESPAN;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEvents events;

    AgentSetup(KeycloakSession session, RealmModel realm, AdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.events = events;
    }

    private ClientModel container() {
        ClientModel container = realm.getClientByClientId(CONTAINER);
        if (container == null) {
            throw CustosException.forbidden(
                    "agents are not enabled in this realm: POST agent-management/v1.0.0/enable " + "first");
        }
        return container;
    }

    /** Idempotently creates the role container and the agents' client scope. */
    public void enable() {
        ClientModel container = CustosSettings.enableAgents(realm);
        if (container != null) {
            events.emit(
                    OperationType.CREATE,
                    ResourceType.CLIENT,
                    Map.of("clientId", CONTAINER),
                    "clients",
                    container.getId());
        }
        CustosSettings.changed(session, realm);
    }

    private ClientScopeModel scope() {
        return CustosSettings.agentScope(realm);
    }

    /** Sets the access-token lifetime of every agent, present and future. */
    public void configureTokenLifetime(long seconds) {
        ClientModel container = container();
        CustosSettings.setAgentTokenLifetime(realm, seconds);
        events.emit(OperationType.UPDATE, ResourceType.CLIENT, Map.of(LIFESPAN, seconds), "clients", container.getId());
        CustosSettings.changed(session, realm);
    }

    /** Which Keycloak mapper puts the claim in agents' tokens. */
    public enum MapperType {
        USER_ATTRIBUTE("oidc-usermodel-attribute-mapper"),
        USER_REALM_ROLE("oidc-usermodel-realm-role-mapper"),
        USER_CLIENT_ROLE("oidc-usermodel-client-role-mapper");

        final String providerId;

        MapperType(String providerId) {
            this.providerId = providerId;
        }
    }

    /** The JSON type of a mapped claim, with Keycloak's label for it. */
    public enum ClaimType {
        STRING("String"),
        LONG("long"),
        INTEGER("int"),
        BOOLEAN("boolean"),
        JSON("JSON");

        final String label;

        ClaimType(String label) {
            this.label = label;
        }
    }

    /** A protocol mapper for every agent's tokens; {@code attributeName} is required for {@code USER_ATTRIBUTE}. */
    public record Mapper(
            String name,
            String claimName,
            MapperType type,
            String attributeName,
            ClaimType claimType,
            boolean idToken,
            boolean accessToken,
            boolean userInfo,
            boolean multiValued,
            boolean aggregateValues) {}

    /** Creates (or re-describes) client roles agents can hold. */
    public void createRoles(List<NewRole> roles) {
        ClientModel container = container();
        for (NewRole input : roles) {
            RoleModel role = container.getRole(input.name());
            if (role == null) {
                role = container.addRole(input.name());
            }
            role.setDescription(input.description());
        }
        events.emit(
                OperationType.CREATE,
                ResourceType.CLIENT_ROLE,
                AdminEvents.summary(roles.stream().map(NewRole::name).toList()),
                "clients",
                container.getId(),
                "roles");
    }

    /** Adds a protocol mapper to the agents' client scope, so it applies to every agent's tokens. */
    public void addProtocolMapper(Mapper m) {
        container();
        ClientScopeModel scope = scope();
        if (scope.getProtocolMapperByName(OIDCLoginProtocol.LOGIN_PROTOCOL, m.name()) != null) {
            throw CustosException.conflict("a protocol mapper named '" + m.name() + "' exists");
        }
        Map<String, String> config = new HashMap<>();
        config.put("claim.name", m.claimName());
        config.put("jsonType.label", m.claimType().label);
        config.put("id.token.claim", String.valueOf(m.idToken()));
        config.put("access.token.claim", String.valueOf(m.accessToken()));
        config.put("userinfo.token.claim", String.valueOf(m.userInfo()));
        config.put("multivalued", String.valueOf(m.multiValued()));
        config.put("aggregate.attrs", String.valueOf(m.aggregateValues()));
        if (m.attributeName() != null) {
            config.put("user.attribute", m.attributeName());
        }
        if (m.type() == MapperType.USER_CLIENT_ROLE) {
            config.put("usermodel.clientRoleMapping.clientId", CONTAINER);
        }
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(m.name());
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        model.setProtocolMapper(m.type().providerId);
        model.setConfig(config);
        scope.addProtocolMapper(model);
        events.emit(
                OperationType.CREATE,
                ResourceType.PROTOCOL_MAPPER,
                Map.of("name", m.name(), "claim", m.claimName()),
                "client-scopes",
                scope.getId(),
                "protocol-mappers");
    }
}
