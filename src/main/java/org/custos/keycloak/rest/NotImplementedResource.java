package org.custos.keycloak.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.error.CustosException;

/**
 * A Custos service that is not built yet: every path answers 501 with a JSON error, after authenticating the
 * caller like any endpoint (so the stub reveals nothing to anonymous callers).
 */
public class NotImplementedResource {

    private final RequestContext request;
    private final String service;

    public NotImplementedResource(RequestContext request, String service) {
        this.request = request;
        this.service = service;
    }

    @GET
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object get() {
        return refuse();
    }

    @POST
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object post() {
        return refuse();
    }

    @PUT
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object put() {
        return refuse();
    }

    @DELETE
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object delete() {
        return refuse();
    }

    @PATCH
    @Path("{path: .*}")
    @Produces(MediaType.APPLICATION_JSON)
    public Object patch() {
        return refuse();
    }

    private Object refuse() {
        request.caller().authenticate();
        throw CustosException.notImplemented("the Custos service '" + service + "' is not implemented yet");
    }
}
