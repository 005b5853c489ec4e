package org.custos.keycloak.rest.support;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;

/**
 * Base of every Custos service resource: whatever its own methods do not match answers in our JSON error model —
 * 405 with an {@code Allow} header when the path exists under another method, 404 otherwise — instead of
 * Keycloak's generic error.
 */
public abstract class ServiceResource {

    protected final RequestContext request;

    protected ServiceResource(RequestContext request) {
        this.request = request;
    }

    /**
     * Runs a resource method's work at our edge: commits it, and answers what failed below as a Custos error
     * ({@link Boundary}).
     */
    protected <T> T run(java.util.function.Supplier<T> work) {
        return Boundary.run(request.session(), work);
    }

    /** As {@link #run}, for a change that answers Custos's {@code {"status": true}}. */
    protected StatusResponse done(Runnable change) {
        return run(() -> {
            change.run();
            return StatusResponse.OK;
        });
    }

    /**
     * The caller's rights: the work every resource method hands to {@link #run} starts with its rule through this
     * ({@code auth().agents().requireManage()}). A rule about a thing the request names is asked right after the
     * look-up, by the resource ({@code requireMapRoles}, {@code requireMayDeleteAsAdmin}) or by the service the rules
     * object is handed to.
     */
    protected org.custos.keycloak.auth.CallerContext auth() {
        return request.caller();
    }

    /** The request's query parameters. */
    protected QueryParams query() {
        return new QueryParams(request.uri().getQueryParameters());
    }

    /** The request's JSON body as {@code type} (a 400 naming the problem when it is not one). */
    protected <T> T body(byte[] bytes, Class<T> type) {
        return request.body(bytes).json(type);
    }

    @GET
    @Path("{unmatched: .+}")
    public Response unmatchedGet(@PathParam("unmatched") String path) {
        throw unmatched(path);
    }

    @POST
    @Path("{unmatched: .+}")
    public Response unmatchedPost(@PathParam("unmatched") String path) {
        throw unmatched(path);
    }

    @PUT
    @Path("{unmatched: .+}")
    public Response unmatchedPut(@PathParam("unmatched") String path) {
        throw unmatched(path);
    }

    @DELETE
    @Path("{unmatched: .+}")
    public Response unmatchedDelete(@PathParam("unmatched") String path) {
        throw unmatched(path);
    }

    @PATCH
    @Path("{unmatched: .+}")
    public Response unmatchedPatch(@PathParam("unmatched") String path) {
        throw unmatched(path);
    }

    private CustosException unmatched(String path) {
        Set<String> allowed = allowedMethods(getClass(), path);
        if (allowed.isEmpty()) {
            return CustosException.notFound(
                    "no custos endpoint at " + request.uri().getPath());
        }
        return new CustosException(
                        405,
                        "method_not_allowed",
                        request.session().getContext().getHttpRequest().getHttpMethod() + " is not allowed here; use "
                                + String.join(", ", allowed))
                .withHeader("Allow", String.join(", ", allowed));
    }

    /** The HTTP methods this resource class serves at exactly {@code path} (literal paths only). */
    static Set<String> allowedMethods(Class<?> type, String path) {
        String wanted = trim(path);
        Set<String> allowed = new TreeSet<>();
        for (Method m : type.getMethods()) {
            Path p = m.getAnnotation(Path.class);
            if (p == null || p.value().contains("{") || !trim(p.value()).equals(wanted)) {
                continue;
            }
            for (var a : m.getAnnotations()) {
                HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                if (verb != null) {
                    allowed.add(verb.value());
                }
            }
        }
        return allowed;
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
