package org.custos.keycloak.service.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.custos.keycloak.service.support.CustosOperations;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AdminEventQuery;
import org.keycloak.events.admin.OperationType;

/**
 * What {@code GET logs} asks for beyond what Keycloak's event store can filter: a Custos operation (kept in each
 * event's details), Keycloak's {@code <OPERATION>_<RESOURCE TYPE>}, and the Custos service that recorded an event.
 * Such a filter reads the newest candidates chunk by chunk and stops after {@link #SCAN_LIMIT} of them, so a filter
 * that matches little cannot make one request read the whole event table; a time window reaches older events.
 *
 * @param name      the event type asked for, or null
 * @param custos    whether {@code name} is a Custos operation
 * @param operation the Keycloak operation the store can filter on, or null
 * @param service   the Custos service the events must come from, or null
 */
record EventFilter(String name, boolean custos, OperationType operation, String service) {

    static final int CHUNK = 500;
    static final int SCAN_LIMIT = 20_000;

    /** The filter, or null when nothing can match (a read, which is never recorded; an unknown name). */
    static EventFilter of(String eventType, String serviceName, List<CustosOperations.Operation> catalogue) {
        if (eventType == null) {
            return new EventFilter(null, false, null, serviceName);
        }
        List<CustosOperations.Operation> named =
                catalogue.stream().filter(o -> o.name().equals(eventType)).toList();
        if (!named.isEmpty()) {
            if (named.stream().allMatch(CustosOperations.Operation::isRead)) {
                return null;
            }
            List<String> services = named.stream()
                    .map(CustosOperations.Operation::service)
                    .distinct()
                    .toList();
            String service = serviceName != null ? serviceName : services.size() == 1 ? services.get(0) : null;
            return service == null || services.contains(service)
                    ? new EventFilter(eventType, true, null, service)
                    : null;
        }
        int underscore = eventType.indexOf('_');
        try {
            return new EventFilter(
                    eventType,
                    false,
                    OperationType.valueOf(underscore < 0 ? eventType : eventType.substring(0, underscore)),
                    serviceName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the store's own filters (time, operation, resource type) select exactly the matching events. */
    boolean isExactInStore() {
        return name == null && (service == null || !service.equals(AuditLog.KEYCLOAK));
    }

    boolean matches(AdminEvent e) {
        boolean named = name == null
                || (custos ? name.equals(AuditLog.custosOperation(e)) : name.equals(AuditLog.eventType(e)));
        return named && (service == null || service.equals(AuditLog.serviceName(e)));
    }

    /** One page of matching events, newest first, from at most {@link #SCAN_LIMIT} candidates. */
    List<AdminEvent> scan(Supplier<AdminEventQuery> query, Paging page) {
        List<AdminEvent> out = new ArrayList<>();
        int skipped = 0;
        for (int first = 0; first < SCAN_LIMIT && out.size() < page.limit(); first += CHUNK) {
            List<AdminEvent> chunk = query.get()
                    .firstResult(first)
                    .maxResults(CHUNK)
                    .getResultStream()
                    .toList();
            for (AdminEvent e : chunk) {
                if (!matches(e)) {
                    continue;
                }
                if (skipped < page.offset()) {
                    skipped++;
                } else if (out.size() < page.limit()) {
                    out.add(e);
                }
            }
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        return out;
    }
}
