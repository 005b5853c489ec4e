package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.representation.logs.LogViews;
import org.custos.keycloak.rest.RouteTable;
import org.custos.keycloak.rest.logs.LogResource;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.logs.AuditLog;
import org.custos.keycloak.service.support.Paging;

/**
 * The audit page ({@code .../custos/audit}): the Custos audit log from Keycloak's event store, narrowed by
 * {@code service}, {@code operation} (a Custos operation name or Keycloak event type), {@code actor} (a Keycloak
 * user id) and {@code from}/{@code to} (epoch milliseconds), newest first, paged by {@code first}/{@code max}.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleAuditResource extends ServiceResource {

    public ConsoleAuditResource(RequestContext request) {
        super(request);
    }

    @GET
    public LogViews.LogEvents list() {
        return run(() -> {
            auth().console().requireAudit();
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            return LogResource.view(new AuditLog(request.session(), RouteTable.operations())
                    .fetch(
                            LogResource.service(q.first("service"), "service"),
                            q.first("operation"),
                            q.first("actor"),
                            q.epochMillis("from"),
                            q.epochMillis("to"),
                            Paging.of(q.integer("first"), q.integer("max"))));
        });
    }
}
