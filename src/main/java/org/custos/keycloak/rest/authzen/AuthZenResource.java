package org.custos.keycloak.rest.authzen;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.custos.keycloak.auth.DecisionPointRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.authzen.AuthZen;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.PublicEndpoint;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.authzen.DecisionPoint;
import org.custos.keycloak.service.authzen.DecisionSearch;

/**
 * The realm's OpenID AuthZEN 1.0 Policy Decision Point ({@code /realms/{realm}/custos/authzen}): the evaluation
 * and evaluations endpoints, the subject, resource and action searches, and the PDP metadata. A request's
 * {@code X-Request-ID} comes back on its answer, errors included.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AuthZenResource extends ServiceResource {

    static final String REQUEST_ID = "X-Request-ID";
    private static final java.util.regex.Pattern ECHOED = java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,256}");
    static final String EVALUATION = "access/v1/evaluation";
    static final String EVALUATIONS = "access/v1/evaluations";
    static final String SEARCH_SUBJECT = "access/v1/search/subject";
    static final String SEARCH_RESOURCE = "access/v1/search/resource";
    static final String SEARCH_ACTION = "access/v1/search/action";

    public AuthZenResource(RequestContext request) {
        super(request);
    }

    private DecisionPoint decisions(DecisionPointRules rules) {
        return new DecisionPoint(request.session(), rules);
    }

    private DecisionSearch search(DecisionPointRules rules) {
        return new DecisionSearch(request.session(), rules);
    }

    @POST
    @OperationId("evaluation")
    @Path(EVALUATION)
    public Response evaluation(byte[] body) {
        return respond(() -> {
            DecisionPointRules rules = auth().decisions();
            return decisions(rules).evaluate(body(body, AuthZen.EvaluationRequest.class));
        });
    }

    @POST
    @OperationId("evaluations")
    @Path(EVALUATIONS)
    public Response evaluations(byte[] body) {
        return respond(() -> {
            DecisionPointRules rules = auth().decisions();
            return decisions(rules).evaluations(body(body, AuthZen.EvaluationsRequest.class));
        });
    }

    @POST
    @OperationId("searchSubject")
    @Path(SEARCH_SUBJECT)
    public Response searchSubject(byte[] body) {
        return respond(() -> {
            DecisionPointRules rules = auth().decisions();
            return search(rules).subjects(body(body, AuthZen.SearchRequest.class));
        });
    }

    @POST
    @OperationId("searchResource")
    @Path(SEARCH_RESOURCE)
    public Response searchResource(byte[] body) {
        return respond(() -> {
            DecisionPointRules rules = auth().decisions();
            return search(rules).resources(body(body, AuthZen.SearchRequest.class));
        });
    }

    @POST
    @OperationId("searchAction")
    @Path(SEARCH_ACTION)
    public Response searchAction(byte[] body) {
        return respond(() -> {
            DecisionPointRules rules = auth().decisions();
            return search(rules).actions(body(body, AuthZen.SearchRequest.class));
        });
    }

    /** The PDP metadata: public, like Keycloak's own discovery documents. */
    @GET
    @PublicEndpoint("the decision point's metadata, like Keycloak's own discovery documents")
    @OperationId("getAuthZenConfiguration")
    @Path(".well-known/authzen-configuration")
    public Response configuration() {
        String base = request.baseUrl() + "/authzen";
        return respond(() -> new AuthZen.Metadata(
                base,
                base + "/" + EVALUATION,
                base + "/" + EVALUATIONS,
                base + "/" + SEARCH_SUBJECT,
                base + "/" + SEARCH_RESOURCE,
                base + "/" + SEARCH_ACTION));
    }

    private Response respond(Supplier<Object> answer) {
        String id = request.session().getContext().getRequestHeaders().getHeaderString(REQUEST_ID);
        if (id != null && !ECHOED.matcher(id).matches()) {
            id = null; // not echoed: control characters, or longer than any request id needs
        }
        try {
            Response.ResponseBuilder ok = Response.ok(run(answer), MediaType.APPLICATION_JSON_TYPE);
            return (id == null ? ok : ok.header(REQUEST_ID, id)).build();
        } catch (CustosException e) {
            throw id == null ? e : e.withHeader(REQUEST_ID, id);
        }
    }
}
