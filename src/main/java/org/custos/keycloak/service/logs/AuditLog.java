package org.custos.keycloak.service.logs;

import static org.custos.keycloak.service.support.CustosOperations.AGENTS;
import static org.custos.keycloak.service.support.CustosOperations.GROUPS;
import static org.custos.keycloak.service.support.CustosOperations.IDENTITY;
import static org.custos.keycloak.service.support.CustosOperations.LOGS;
import static org.custos.keycloak.service.support.CustosOperations.SECRETS;
import static org.custos.keycloak.service.support.CustosOperations.SHARING;
import static org.custos.keycloak.service.support.CustosOperations.TENANTS;
import static org.custos.keycloak.service.support.CustosOperations.USERS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.CustosOperations;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AdminEventQuery;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Custos audit logs on Keycloak's own admin-event store: enabling logging turns the realm's admin events (with
 * details) and login events on; fetching reads admin events newest first. Custos service names map onto the
 * resource types our mutations record, and each event names the Custos operation that recorded it
 * ({@link CustosOperations}); an event from elsewhere is typed {@code <OPERATION>_<RESOURCE TYPE>}, e.g.
 * {@code CREATE_USER}. Identity calls (tokens, logins) are Keycloak's login events, not admin events.
 */
public final class AuditLog {

    /** Events our Custos services did not record (Keycloak's admin console, older versions) carry this service. */
    public static final String KEYCLOAK = "org.keycloak.admin";

    /** Custos service → the admin-event resource types its mutations record. */
    static final Map<String, List<ResourceType>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(
                USERS,
                List.of(
                        ResourceType.USER,
                        ResourceType.REALM_ROLE_MAPPING,
                        ResourceType.CLIENT_ROLE_MAPPING,
                        ResourceType.USER_PROFILE));
        SERVICES.put(GROUPS, List.of(ResourceType.GROUP, ResourceType.GROUP_MEMBERSHIP));
        SERVICES.put(
                AGENTS,
                List.of(
                        ResourceType.CLIENT,
                        ResourceType.CLIENT_ROLE,
                        ResourceType.PROTOCOL_MAPPER,
                        ResourceType.REALM_ROLE_MAPPING));
        SERVICES.put(LOGS, List.of(ResourceType.REALM));
        SERVICES.put(TENANTS, List.of(ResourceType.REALM_ROLE, ResourceType.CLIENT_ROLE));
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final List<CustosOperations.Operation> catalogue;

    /** The realm's audit log; {@code catalogue} is every operation the Custos services serve (rest.RouteTable). */
    public AuditLog(KeycloakSession session, List<CustosOperations.Operation> catalogue) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.catalogue = catalogue;
    }

    public void enable(Caller caller) {
        CustosSettings.setAuditLog(realm, true);
        CustosSettings.changed(session, realm);
        new AdminEvents(session, caller)
                .emit(
                        OperationType.UPDATE,
                        ResourceType.REALM,
                        Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true, "eventsEnabled", true),
                        "events",
                        "config");
    }

    public boolean isEnabled() {
        return realm.isAdminEventsEnabled();
    }

    /**
     * Admin events newest first. {@code eventType} is a Custos operation name ({@code registerUser}; reads and
     * unknown names match nothing) or {@code <OPERATION>_<RESOURCE TYPE>} ({@code CREATE_USER}). The store narrows
     * by time, operation and resource type; the rest is an {@link EventFilter}, so offset and limit count matching
     * events.
     */
    public List<Entry> fetch(String serviceName, String eventType, Long from, Long to, Paging page) {
        return fetch(serviceName, eventType, null, from, to, page);
    }

    /** The names an audit query narrows by: the Custos services, and Keycloak for Keycloak's own events. */
    public static final List<String> SERVICE_NAMES =
            List.of(USERS, GROUPS, SECRETS, SHARING, AGENTS, LOGS, TENANTS, IDENTITY, KEYCLOAK);

    /**
     * As above, only what {@code actorUserId} (a Keycloak user id, of any realm) did when it is not null; {@code
     * serviceName} is one of {@link #SERVICE_NAMES} (the resource said so to the caller) or null.
     */
    public List<Entry> fetch(
            String serviceName, String eventType, String actorUserId, Long from, Long to, Paging page) {
        if (serviceName != null && !SERVICE_NAMES.contains(serviceName)) {
            throw new IllegalArgumentException("not a service: " + serviceName);
        }
        if (IDENTITY.equals(serviceName)) {
            return List.of();
        }
        EventFilter filter = EventFilter.of(eventType, serviceName, catalogue);
        if (filter == null) {
            return List.of();
        }
        java.util.function.Supplier<AdminEventQuery> query = () -> {
            AdminEventQuery q = session.getProvider(EventStoreProvider.class)
                    .createAdminQuery()
                    .realm(realm.getId())
                    .orderByDescTime();
            if (from != null) {
                q.fromTime(from);
            }
            if (to != null) {
                q.toTime(to);
            }
            if (actorUserId != null) {
                q.authUser(actorUserId);
            }
            if (filter.operation() != null) {
                q.operation(filter.operation());
            }
            if (SECRETS.equals(filter.service())) {
                q.resourcePath("secrets/*");
            } else if (SHARING.equals(filter.service())) {
                q.resourcePath("sharing/*");
            } else if (SERVICES.containsKey(filter.service())) {
                q.resourceType(SERVICES.get(filter.service()).toArray(ResourceType[]::new));
            }
            return q;
        };
        List<AdminEvent> events = filter.isExactInStore() && !sharedResourceTypes(filter.service())
                ? query.get()
                        .firstResult(page.offset())
                        .maxResults(page.limit())
                        .getResultStream()
                        .toList()
                : filter.scan(query, page);
        return events.stream().map(this::entry).toList();
    }

    /** Services whose resource types another service records too: their events are told apart by name. */
    private static boolean sharedResourceTypes(String service) {
        return service != null
                && SERVICES.containsKey(service)
                && SERVICES.entrySet().stream()
                        .anyMatch(other -> !other.getKey().equals(service)
                                && other.getValue().stream().anyMatch(SERVICES.get(service)::contains));
    }

    static String custosOperation(AdminEvent e) {
        return e.getDetails() == null ? null : e.getDetails().get(CustosOperations.DETAIL);
    }

    private static String resourceType(AdminEvent e) {
        return e.getResourceTypeAsString() != null
                ? e.getResourceTypeAsString()
                : e.getResourceType() == null ? "" : e.getResourceType().name();
    }

    /** Keycloak's name of the event, e.g. {@code CREATE_USER}. */
    static String eventType(AdminEvent e) {
        return e.getOperationType().name() + "_" + resourceType(e).toUpperCase(Locale.ROOT);
    }

    /** The Custos service that recorded the event, else the one whose resource types it has, else Keycloak. */
    static String serviceName(AdminEvent e) {
        String recordedBy = e.getDetails() == null ? null : e.getDetails().get(CustosOperations.SERVICE_DETAIL);
        if (recordedBy != null) {
            return recordedBy;
        }
        String type = resourceType(e);
        if (type.equals("CUSTOS_SECRET")) {
            return SECRETS;
        }
        if (type.startsWith("CUSTOS_")) {
            return SHARING;
        }
        return SERVICES.entrySet().stream()
                .filter(s -> s.getValue().stream().anyMatch(t -> t.name().equals(type)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(KEYCLOAK);
    }

    /**
     * One recorded change as the audit log shows it: when (epoch ms), which Custos service (or Keycloak), the Custos
     * operation or Keycloak's event type, who (username and client id of the realm they authenticated in), and from
     * where.
     */
    public record Entry(
            long time,
            String service,
            String operation,
            String username,
            String clientId,
            String realm,
            String ipAddress) {}

    private Entry entry(AdminEvent e) {
        String username = "";
        String clientId = "";
        if (e.getAuthDetails() != null) {
            // The realm the actor authenticated in: this one, or master for a server administrator.
            RealmModel authRealm = e.getAuthDetails().getRealmId() == null
                    ? null
                    : session.realms().getRealm(e.getAuthDetails().getRealmId());
            RealmModel actorRealm = authRealm == null ? realm : authRealm;
            UserModel user = e.getAuthDetails().getUserId() == null
                    ? null
                    : session.users().getUserById(actorRealm, e.getAuthDetails().getUserId());
            username = user == null ? "" : user.getUsername();
            ClientModel client = e.getAuthDetails().getClientId() == null
                    ? null
                    : actorRealm.getClientById(e.getAuthDetails().getClientId());
            clientId = client == null ? "" : client.getClientId();
        }
        String custos = custosOperation(e);
        return new Entry(
                e.getTime(),
                serviceName(e),
                custos != null ? custos : eventType(e),
                username,
                clientId,
                realm.getName(),
                e.getAuthDetails() == null || e.getAuthDetails().getIpAddress() == null
                        ? ""
                        : e.getAuthDetails().getIpAddress());
    }
}
