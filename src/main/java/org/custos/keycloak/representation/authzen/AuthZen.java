package org.custos.keycloak.representation.authzen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The messages of the OpenID AuthZEN Authorization API 1.0, in its names. Unknown fields are ignored, as the
 * specification asks of receivers; {@code properties}, {@code context} and {@code options} are free objects.
 */
public final class AuthZen {

    private AuthZen() {}

    /** A subject or a resource: {@code type} and {@code id} (a search leaves out the id of what it searches). */
    public record Entity(
            @JsonProperty("type") String type,
            @JsonProperty("id") String id,
            @JsonProperty("properties") Map<String, Object> properties) {}

    public record Action(
            @JsonProperty("name") String name, @JsonProperty("properties") Map<String, Object> properties) {}

    public record EvaluationRequest(
            @JsonProperty("subject") Entity subject,
            @JsonProperty("action") Action action,
            @JsonProperty("resource") Entity resource,
            @JsonProperty("context") Map<String, Object> context) {}

    public record Options(@JsonProperty("evaluations_semantic") String evaluationsSemantic) {}

    /** Top-level subject, action, resource and context are the defaults of every evaluation. */
    public record EvaluationsRequest(
            @JsonProperty("subject") Entity subject,
            @JsonProperty("action") Action action,
            @JsonProperty("resource") Entity resource,
            @JsonProperty("context") Map<String, Object> context,
            @JsonProperty("evaluations") List<EvaluationRequest> evaluations,
            @JsonProperty("options") Options options) {}

    public record Page(@JsonProperty("token") String token, @JsonProperty("limit") Integer limit) {}

    public record SearchRequest(
            @JsonProperty("subject") Entity subject,
            @JsonProperty("action") Action action,
            @JsonProperty("resource") Entity resource,
            @JsonProperty("context") Map<String, Object> context,
            @JsonProperty("page") Page page) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(
            @JsonProperty("decision") boolean decision, @JsonProperty("context") Map<String, Object> context) {}

    public record Decisions(@JsonProperty("evaluations") List<Decision> evaluations) {}

    /** A search result: a subject or resource ({@code type}, {@code id}) or an action ({@code name}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("type") String type, @JsonProperty("id") String id, @JsonProperty("name") String name) {

        public static Result entity(String type, String id) {
            return new Result(type, id, null);
        }

        public static Result action(String name) {
            return new Result(null, null, name);
        }
    }

    public record PageInfo(@JsonProperty("next_token") String nextToken, @JsonProperty("count") int count) {}

    public record SearchResults(@JsonProperty("page") PageInfo page, @JsonProperty("results") List<Result> results) {}

    /** The Policy Decision Point metadata ({@code .well-known/authzen-configuration}). */
    public record Metadata(
            @JsonProperty("policy_decision_point") String policyDecisionPoint,
            @JsonProperty("access_evaluation_endpoint") String accessEvaluationEndpoint,
            @JsonProperty("access_evaluations_endpoint") String accessEvaluationsEndpoint,
            @JsonProperty("search_subject_endpoint") String searchSubjectEndpoint,
            @JsonProperty("search_resource_endpoint") String searchResourceEndpoint,
            @JsonProperty("search_action_endpoint") String searchActionEndpoint) {}
}
