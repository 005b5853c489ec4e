package org.custos.keycloak.rest.logs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.logs.LogViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.logs.AuditLog;
import org.custos.keycloak.service.support.CustosOperations;
import org.custos.keycloak.service.support.Paging;

/**
 * Custos Log Management ({@code /log-management/v1.0.0}) on Keycloak's event store: enabling needs
 * {@code manage-events}; reading the status and the logs needs {@code view-events} (or {@code manage-events}).
 */
public class LogResource extends ServiceResource {

    private final List<CustosOperations.Operation> catalogue;

    /** {@code catalogue}: the operations of the Custos services, which {@code event_type} may name. */
    public LogResource(RequestContext request, List<CustosOperations.Operation> catalogue) {
        super(request);
        this.catalogue = catalogue;
    }

    @POST
    @OperationId("enable")
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse enable(byte[] bytes) {
        return done(() -> {
            Caller caller = auth().realm().requireManageEvents();
            body(bytes, StatusRequest.class);
            new AuditLog(request.session(), catalogue).enable(caller);
        });
    }

    @GET
    @OperationId("isLogEnabled")
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse status() {
        return run(() -> {
            auth().realm().requireViewEvents();
            return new StatusResponse(new AuditLog(request.session(), catalogue).isEnabled());
        });
    }

    @GET
    @OperationId("getLogEvents")
    @Path("logs")
    @Produces(MediaType.APPLICATION_JSON)
    public LogViews.LogEvents logs() {
        return run(() -> {
            auth().realm().requireViewEvents();
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            Paging page = Paging.of(q.integer("offset"), q.integer("limit"));
            return view(new AuditLog(request.session(), catalogue)
                    .fetch(
                            service(q.first("service_name"), "service_name"),
                            q.first("event_type"),
                            q.epochMillis("start_time"),
                            q.epochMillis("end_time"),
                            page));
        });
    }

    /** A service an audit query may name; 400 naming {@code field} for anything else. */
    public static String service(String name, String field) {
        if (name != null && !AuditLog.SERVICE_NAMES.contains(name)) {
            throw CustosException.invalidField(field, "must be one of " + AuditLog.SERVICE_NAMES);
        }
        return name;
    }

    /** The entries as Custos's log events. */
    public static LogViews.LogEvents view(List<AuditLog.Entry> entries) {
        return new LogViews.LogEvents(entries.stream()
                .map(e -> new LogViews.LogEvent(
                        String.valueOf(e.time()),
                        e.service(),
                        e.operation(),
                        e.username(),
                        e.clientId(),
                        e.realm(),
                        e.ipAddress()))
                .toList());
    }

    /** Custos's optional {@code {"client_id"}}: accepted, and ignored — the realm is the tenant. */
    record StatusRequest(
            @com.fasterxml.jackson.annotation.JsonProperty("client_id")
                    @com.fasterxml.jackson.annotation.JsonAlias("clientId")
                    String clientId) {}
}
