package org.custos.keycloak.service.agents;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.agents.AgentViews;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.support.AdminEvents;
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
    public void configureTokenLifetime(Long seconds) {
        if (seconds == null || seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw CustosException.invalidField("access_token_life_time", "must be a positive number of seconds");
        }
        ClientModel container = container();
        CustosSettings.setAgentTokenLifetime(realm, seconds);
        events.emit(OperationType.UPDATE, ResourceType.CLIENT, Map.of(LIFESPAN, seconds), "clients", container.getId());
        CustosSettings.changed(session, realm);
    }

    public void createRoles(List<AgentViews.RoleInput> roles) {
        ClientModel container = container();
        if (roles == null || roles.isEmpty()) {
            throw CustosException.invalidField("roles", "must hold at least one {name}");
        }
        for (AgentViews.RoleInput input : roles) {
            if (input == null || input.name() == null || input.name().isBlank()) {
                throw CustosException.invalidField("roles[].name", "is required");
            }
            if (input.name().length() > 255) {
                throw CustosException.invalidField("roles[].name", "must be at most 255 characters");
            }
            RoleModel role = container.getRole(input.name());
            if (role == null) {
                role = container.addRole(input.name());
            }
            role.setDescription(input.description());
        }
        events.emit(
                OperationType.CREATE,
                ResourceType.CLIENT_ROLE,
                AdminEvents.summary(
                        roles.stream().map(AgentViews.RoleInput::name).toList()),
                "clients",
                container.getId(),
                "roles");
    }

    /** Adds a protocol mapper to the agents' client scope, so it applies to every agent's tokens. */
    public void addProtocolMapper(AgentViews.ProtocolMapper m) {
        container();
        if (m.name() == null || m.name().isBlank()) {
            throw CustosException.invalidField("name", "is required");
        }
        if (m.claimName() == null || m.claimName().isBlank()) {
            throw CustosException.invalidField("claim_name", "is required");
        }
        String type = m.mapperType() == null ? "USER_ATTRIBUTE" : m.mapperType().toUpperCase(Locale.ROOT);
        String providerId =
                switch (type) {
                    case "USER_ATTRIBUTE" -> "oidc-usermodel-attribute-mapper";
                    case "USER_REALM_ROLE" -> "oidc-usermodel-realm-role-mapper";
                    case "USER_CLIENT_ROLE" -> "oidc-usermodel-client-role-mapper";
                    default -> throw CustosException.invalidField(
                            "mapper_type", "must be USER_ATTRIBUTE, USER_REALM_ROLE or USER_CLIENT_ROLE");
                };
        if (type.equals("USER_ATTRIBUTE")
                && (m.attributeName() == null || m.attributeName().isBlank())) {
            throw CustosException.invalidField("attribute_name", "is required for USER_ATTRIBUTE");
        }
        String jsonType =
                switch (m.claimType() == null ? "STRING" : m.claimType().toUpperCase(Locale.ROOT)) {
                    case "STRING" -> "String";
                    case "LONG" -> "long";
                    case "INTEGER" -> "int";
                    case "BOOLEAN" -> "boolean";
                    case "JSON" -> "JSON";
                    default -> throw CustosException.invalidField(
                            "claim_type", "must be STRING, LONG, INTEGER, BOOLEAN or JSON");
                };
        ClientScopeModel scope = scope();
        if (scope.getProtocolMapperByName(OIDCLoginProtocol.LOGIN_PROTOCOL, m.name()) != null) {
            throw CustosException.conflict("a protocol mapper named '" + m.name() + "' exists");
        }
        Map<String, String> config = new HashMap<>();
        config.put("claim.name", m.claimName());
        config.put("jsonType.label", jsonType);
        config.put("id.token.claim", String.valueOf(Boolean.TRUE.equals(m.addToIdToken())));
        config.put("access.token.claim", String.valueOf(m.addToAccessToken() == null || m.addToAccessToken()));
        config.put("userinfo.token.claim", String.valueOf(Boolean.TRUE.equals(m.addToUserInfo())));
        config.put("multivalued", String.valueOf(Boolean.TRUE.equals(m.multiValued())));
        config.put("aggregate.attrs", String.valueOf(Boolean.TRUE.equals(m.aggregateAttributeValues())));
        if (m.attributeName() != null) {
            config.put("user.attribute", m.attributeName());
        }
        if (type.equals("USER_CLIENT_ROLE")) {
            config.put("usermodel.clientRoleMapping.clientId", CONTAINER);
        }
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(m.name());
        model.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        model.setProtocolMapper(providerId);
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
