package org.custos.keycloak.rest.console;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.console.SecretInventoryViews;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.secrets.SecretInventory;
import org.custos.keycloak.service.support.Paging;

/**
 * The secrets page ({@code .../custos/secrets}): summaries narrowed by {@code owner}, {@code type} and {@code client}
 * and paged by {@code first}/{@code max} in the database, deletion ({@code DELETE ?token=}), and the key ring's
 * state. Never a value.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleSecretsResource extends ServiceResource {

    public ConsoleSecretsResource(RequestContext request) {
        super(request);
    }

    private SecretInventory inventory() {
        return new SecretInventory(
                request.session(), request.caller(), request.config().secretKeys());
    }

    @GET
    public SecretInventoryViews.Page list() {
        return run(() -> {
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            return inventory()
                    .list(
                            q.first("owner"),
                            q.first("type"),
                            q.first("client"),
                            Paging.of(q.integer("first"), q.integer("max")));
        });
    }

    @GET
    @Path("keys")
    public SecretInventoryViews.KeyStatus keys() {
        return run(() -> inventory().keyStatus());
    }

    /** Deletes the secret of {@code token} (a query parameter: tokens are opaque and may hold any character). */
    @DELETE
    public StatusResponse delete() {
        return run(() -> {
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            String token = q.first("token");
            if (token == null) {
                throw org.custos.keycloak.error.CustosException.invalidField("token", "is required");
            }
            inventory().delete(token);
            return StatusResponse.OK;
        });
    }
}
