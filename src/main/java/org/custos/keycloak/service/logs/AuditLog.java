package org.custos.keycloak.service.logs;

import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.logs.LogViews;
import org.custos.keycloak.service.AdminEvents;
import org.custos.keycloak.service.Paging;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AdminEventQuery;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Custos audit logs on Keycloak's own admin-event store: enabling logging turns the realm's admin events (with
 * details) and login events on; fetching reads admin events newest first. Custos service names map onto the
 * resource types our mutations record; an event type is {@code <OPERATION>_<RESOURCE TYPE>}, e.g. {@code CREATE_USER}.
 */
public final class AuditLog {

    public static final String USERS = "org.apache.custos.user.management.service.UserManagementService";
    public static final String GROUPS = "org.apache.custos.group.management.service.GroupManagementService";
    public static final String SECRETS = "org.apache.custos.resource.secret.management.service.ResourceSecretManagementService";
    public static final String AGENTS = "org.apache.custos.agent.management.service.AgentManagementService";
    public static final String SHARING = "org.apache.custos.sharing.management.service.SharingManagementService";
    public static final String LOGS = "org.apache.custos.log.management.service.LogManagementService";
    public static final String KEYCLOAK = "org.keycloak.admin";

    /** Custos service → the admin-event resource types its mutations record. */
    static final Map<String, List<ResourceType>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(USERS, List.of(ResourceType.USER, ResourceType.REALM_ROLE_MAPPING, ResourceType.CLIENT_ROLE_MAPPING,
                ResourceType.USER_PROFILE));
        SERVICES.put(GROUPS, List.of(ResourceType.GROUP, ResourceType.GROUP_MEMBERSHIP));
        SERVICES.put(AGENTS, List.of(ResourceType.CLIENT, ResourceType.CLIENT_ROLE, ResourceType.PROTOCOL_MAPPER));
        SERVICES.put(LOGS, List.of(ResourceType.REALM));
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public AuditLog(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    public void enable(Caller caller) {
        setEnabledIn(realm, true);
        org.custos.keycloak.ui.CustosConsole.settingsChanged(session, realm);
        new AdminEvents(session, caller).emit(OperationType.UPDATE, ResourceType.REALM,
                Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true, "eventsEnabled", true), "events", "config");
    }

    /**
     * Turns the realm's audit log on (admin events with their details, and login events) or off (admin events and
     * their details; login events are Keycloak's and stay as they are).
     */
    public static void setEnabledIn(RealmModel realm, boolean enabled) {
        realm.setAdminEventsEnabled(enabled);
        realm.setAdminEventsDetailsEnabled(enabled);
        if (enabled) {
            realm.setEventsEnabled(true);
        }
    }

    public boolean isEnabled() {
        return realm.isAdminEventsEnabled();
    }

    public List<LogViews.LogEvent> fetch(String serviceName, String eventType, Long from, Long to, Paging page) {
        AdminEventQuery query = session.getProvider(EventStoreProvider.class).createAdminQuery()
                .realm(realm.getId()).orderByDescTime().firstResult(page.offset()).maxResults(page.limit());
        if (from != null) {
            query.fromTime(from);
        }
        if (to != null) {
            query.toTime(to);
        }
        if (serviceName != null) {
            if (serviceName.equals(SECRETS)) {
                query.resourcePath("secrets/*");
            } else if (serviceName.equals(SHARING)) {
                query.resourcePath("sharing/*");
            } else if (SERVICES.containsKey(serviceName)) {
                query.resourceType(SERVICES.get(serviceName).toArray(ResourceType[]::new));
            } else {
                throw CustosException.invalidField("service_name", "must be one of " + List.of(USERS, GROUPS, SECRETS, SHARING, AGENTS, LOGS));
            }
        }
        if (eventType != null) {
            int underscore = eventType.indexOf('_');
            OperationType operation;
            try {
                operation = OperationType.valueOf(underscore < 0 ? eventType : eventType.substring(0, underscore));
            } catch (IllegalArgumentException e) {
                throw CustosException.invalidField("event_type", "must be <CREATE|UPDATE|DELETE|ACTION>_<RESOURCE TYPE>");
            }
            query.operation(operation);
        }
        return query.getResultStream()
                .filter(e -> eventType == null || eventType(e).equals(eventType))
                .map(this::toView).toList();
    }

    private static String resourceType(AdminEvent e) {
        return e.getResourceTypeAsString() != null ? e.getResourceTypeAsString()
                : e.getResourceType() == null ? "" : e.getResourceType().name();
    }

    static String eventType(AdminEvent e) {
        return e.getOperationType().name() + "_" + resourceType(e).toUpperCase(Locale.ROOT);
    }

    static String serviceName(AdminEvent e) {
        String type = resourceType(e);
        if (type.equals("CUSTOS_SECRET")) {
            return SECRETS;
        }
        if (type.startsWith("CUSTOS_")) {
            return SHARING;
        }
        return SERVICES.entrySet().stream()
                .filter(s -> s.getValue().stream().anyMatch(t -> t.name().equals(type)))
                .map(Map.Entry::getKey).findFirst().orElse(KEYCLOAK);
    }

    private LogViews.LogEvent toView(AdminEvent e) {
        String username = "";
        String clientId = "";
        if (e.getAuthDetails() != null) {
            UserModel user = e.getAuthDetails().getUserId() == null ? null
                    : session.users().getUserById(realm, e.getAuthDetails().getUserId());
            username = user == null ? "" : user.getUsername();
            ClientModel client = e.getAuthDetails().getClientId() == null ? null
                    : realm.getClientById(e.getAuthDetails().getClientId());
            clientId = client == null ? "" : client.getClientId();
        }
        return new LogViews.LogEvent(String.valueOf(e.getTime()), serviceName(e), eventType(e), username, clientId,
                realm.getName(), e.getAuthDetails() == null || e.getAuthDetails().getIpAddress() == null ? ""
                : e.getAuthDetails().getIpAddress());
    }
}
