package org.custos.keycloak.rest.groups;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.groups.GroupInput;
import org.custos.keycloak.representation.groups.GroupRequests;
import org.custos.keycloak.representation.groups.GroupViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.rest.users.UserRepresentations;
import org.custos.keycloak.service.groups.GroupService;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.models.GroupModel;

/**
 * Custos Group Management ({@code /group-management/v1.0.0}) on Keycloak's groups. Who may do what is decided by
 * the group rules each method names first ({@code auth().groups()}): user-admins everything, a group's OWNER and
 * ADMINs its members, only an OWNER owners and deletion.
 */
public class GroupResource extends ServiceResource {

    public GroupResource(RequestContext request) {
        super(request);
    }

    private GroupService service(GroupPermissions rules) {
        return new GroupService(request.session(), rules);
    }

    private GroupRepresentations views(GroupService groups, GroupPermissions rules) {
        return new GroupRepresentations(groups, rules.caller().client());
    }

    /** Custos's {@code {"group": {...}}}, or the portal's flat body with the group's fields at the top level. */
    private GroupInput groupBody(byte[] bytes) {
        GroupInput wrapped = body(bytes, GroupRequests.OneGroup.class).group();
        if (wrapped != null) {
            return wrapped;
        }
        GroupInput flat = body(bytes, GroupInput.class);
        return flat.isEmpty() ? null : flat;
    }

    private Paging paging() {
        QueryParams q = query();
        return Paging.of(q.integer("offset"), q.integer("limit"));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    @POST
    @OperationId("createGroups")
    @Path("groups")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.KeycloakGroups create(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            rules.requireCreate();
            GroupService groups = service(rules);
            List<GroupModel> created = groups.create(
                    GroupSpecs.of(body(bytes, GroupRequests.CreateGroups.class).groups()));
            GroupRepresentations views = views(groups, rules);
            return new GroupViews.KeycloakGroups(
                    created.stream().map(views::group).toList(), created.size());
        });
    }

    @POST
    @OperationId("createGroup")
    @Path("group")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Group createOne(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            rules.requireCreate();
            GroupService groups = service(rules);
            GroupModel group = groups.createOne(GroupSpecs.of(groupBody(bytes)));
            return views(groups, rules).group(group);
        });
    }

    @PUT
    @OperationId("updateGroup")
    @Path("group/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Group update(@PathParam("id") String id, byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupModel group = groups.update(id, GroupSpecs.of(groupBody(bytes)));
            return views(groups, rules).group(group);
        });
    }

    @DELETE
    @OperationId("deleteGroup")
    @Path("group/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(@PathParam("id") String id) {
        return done(() -> {
            GroupPermissions rules = auth().groups();
            service(rules).delete(id);
        });
    }

    @GET
    @OperationId("findGroup")
    @Path("group")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Group find() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            QueryParams q = query();
            String id = q.first("group.id", "id");
            String name = q.first("group.name", "name");
            if (id == null && name == null) {
                throw CustosException.badRequest("give group.id or group.name");
            }
            return views(groups, rules).group(id != null ? groups.require(id) : groups.requireByName(name));
        });
    }

    @GET
    @OperationId("getAllGroups")
    @Path("groups")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.KeycloakGroups all() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            rules.requireViewAll();
            GroupService groups = service(rules);
            Paging.Page<GroupModel> page = groups.topLevel(paging());
            GroupRepresentations views = views(groups, rules);
            return new GroupViews.KeycloakGroups(page.stream().map(views::group).toList(), page.total());
        });
    }

    @POST
    @OperationId("addUserToGroup")
    @Path("user/group/membership")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addMember(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRequests.Membership m = body(bytes, GroupRequests.Membership.class);
            groups.members().add(m.groupId(), m.username(), m.membershipType() != null ? m.membershipType() : m.type());
            return StatusResponse.OK;
        });
    }

    @DELETE
    @OperationId("removeUserFromGroup")
    @Path("user/group/membership")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse removeMember(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRequests.Membership m = body(bytes, GroupRequests.Membership.class);
            groups.members().remove(m.groupId(), m.username());
            return StatusResponse.OK;
        });
    }

    @PUT
    @OperationId("changeUserMembershipType")
    @Path("user/group/membership")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse changeMembership(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRequests.Membership m = body(bytes, GroupRequests.Membership.class);
            groups.members()
                    .changeType(
                            m.groupId(),
                            m.username(),
                            required(m.type() != null ? m.type() : m.membershipType(), "type"));
            return StatusResponse.OK;
        });
    }

    @POST
    @OperationId("addChildGroupToParentGroup")
    @Path("group/membership")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addChild(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRequests.Child c = body(bytes, GroupRequests.Child.class);
            groups.tree().addChild(required(c.childId(), "child_id"), required(c.parentId(), "parent_id"));
            return StatusResponse.OK;
        });
    }

    @DELETE
    @OperationId("removeChildGroupFromParentGroup")
    @Path("group/membership")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse removeChild(byte[] bytes) {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRequests.Child c = body(bytes, GroupRequests.Child.class);
            groups.tree().removeChild(required(c.childId(), "child_id"), required(c.parentId(), "parent_id"));
            return StatusResponse.OK;
        });
    }

    @GET
    @OperationId("getAllChildGroups")
    @Path("groups/memberships/child")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Groups children() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRepresentations views = views(groups, rules);
            return new GroupViews.Groups(
                    groups.tree().children(query().first("group.id", "group_id"), paging()).stream()
                            .map(views::listed)
                            .toList());
        });
    }

    @GET
    @OperationId("getAllParentGroupsOfGroup")
    @Path("groups/memberships")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Groups parents() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRepresentations views = views(groups, rules);
            return new GroupViews.Groups(groups.tree().parents(query().first("group.id", "group_id")).stream()
                    .map(views::listed)
                    .toList());
        });
    }

    @GET
    @OperationId("getAllChildUsers")
    @Path("user/group/memberships/child")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Members members() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            var page = groups.members().list(query().first("group.id", "group_id"), paging());
            return new GroupViews.Members(
                    page.stream()
                            .map(m -> UserRepresentations.toMember(
                                    request.session(),
                                    m.user(),
                                    m.type(),
                                    m.details(),
                                    m.roles(),
                                    rules.caller().client()))
                            .toList(),
                    page.total());
        });
    }

    @GET
    @OperationId("getAllGroupsOfUser")
    @Path("user/group/memberships")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupViews.Groups groupsOfUser() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            GroupService groups = service(rules);
            GroupRepresentations views = views(groups, rules);
            Paging page = paging();
            return new GroupViews.Groups(
                    groups.members().groupsOf(query().first("profile.username", "username")).stream()
                            .skip(page.offset())
                            .limit(page.limit())
                            .map(views::listed)
                            .toList());
        });
    }

    @GET
    @OperationId("hasAccess")
    @Path("user/group/access")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse access() {
        return run(() -> {
            GroupPermissions rules = auth().groups();
            QueryParams q = query();
            return new StatusResponse(service(rules)
                    .members()
                    .hasAccess(
                            q.first("group_id", "group.id"),
                            q.first("username"),
                            required(q.first("type", "membership_type"), "type")));
        });
    }
}
