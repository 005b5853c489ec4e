package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.console.ConsoleRequests;
import org.custos.keycloak.representation.console.ConsoleViews;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.groups.GroupMembers;
import org.custos.keycloak.service.groups.GroupService;
import org.custos.keycloak.service.support.Paging;

/**
 * A group's members with their Custos membership types ({@code .../custos/groups/{id}/members}), beside Keycloak's
 * own group pages; seeing and changing them follows the Custos group rules, which ask Keycloak's evaluator.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleGroupsResource extends ServiceResource {

    public ConsoleGroupsResource(RequestContext request) {
        super(request);
    }

    private GroupMembers members(GroupPermissions rules) {
        return new GroupService(request.session(), rules).members();
    }

    @GET
    @Path("{groupId}/members")
    public ConsoleViews.Members list(@PathParam("groupId") String groupId) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            Paging.Page<GroupMembers.Member> page =
                    members(rules).list(groupId, Paging.of(q.integer("first"), q.integer("max")));
            return new ConsoleViews.Members(
                    page.stream()
                            .map(m -> new ConsoleViews.Member(
                                    m.user().getId(), m.user().getUsername(), m.type()))
                            .toList(),
                    page.total());
        });
    }

    @PUT
    @Path("{groupId}/members/{userId}")
    public StatusResponse changeType(
            @PathParam("groupId") String groupId, @PathParam("userId") String userId, byte[] bytes) {
        return run(() -> {
            GroupMembers members = members(auth().groups());
            ConsoleRequests.Membership m = request.body(bytes).json(ConsoleRequests.Membership.class);
            members.changeTypeByUserId(groupId, userId, m == null ? null : m.membershipType());
            return StatusResponse.OK;
        });
    }
}
