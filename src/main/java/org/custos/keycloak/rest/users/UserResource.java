package org.custos.keycloak.rest.users;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.UserRules;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.tenant.RoleViews;
import org.custos.keycloak.representation.users.AddRolesRequest;
import org.custos.keycloak.representation.users.AttributesRequest;
import org.custos.keycloak.representation.users.CustosUser;
import org.custos.keycloak.representation.users.CustosUserProfile;
import org.custos.keycloak.representation.users.DeleteRolesRequest;
import org.custos.keycloak.representation.users.LinkAccountsRequest;
import org.custos.keycloak.representation.users.PasswordRequest;
import org.custos.keycloak.representation.users.ProfileRequest;
import org.custos.keycloak.representation.users.RegisterUserRequest;
import org.custos.keycloak.representation.users.UserResponses;
import org.custos.keycloak.representation.users.UsernameRequest;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.rest.tenant.TenantResource;
import org.custos.keycloak.service.support.Paging;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.models.UserModel;

/**
 * Custos User Management ({@code /user-management/v1.0.0}) on Keycloak's users. Every rule is Keycloak's admin API
 * rule for the same change, per user, fine-grained permissions included: searches need Keycloak's query right, reads
 * its view right on the user, changes its manage right on the user; tenant-admin grants need {@code realm-admin}.
 */
public class UserResource extends ServiceResource {

    public UserResource(RequestContext request) {
        super(request);
    }

    /**
     * The user services for the caller these rules are about ({@code auth().users()}, each method's first line):
     * Keycloak's rules, per user, asked as the services look each named user up.
     */
    private UserService users(UserRules rules) {
        return new UserService(request.session(), rules);
    }

    private CustosUser single(UserModel user) {
        return UserRepresentations.toUser(
                request.session(), user, auth().authenticate().client(), true);
    }

    @POST
    @OperationId("registerUser")
    @Path("user")
    @Produces(MediaType.APPLICATION_JSON)
    public UserResponses.Registered register(byte[] bytes) {
        return run(() -> {
            UserService users = users(auth().users());
            users.register(UserRequests.newUser(body(bytes, RegisterUserRequest.class)));
            return new UserResponses.Registered(true);
        });
    }

    @POST
    @OperationId("enableUser")
    @Path("user/activation")
    @Produces(MediaType.APPLICATION_JSON)
    public CustosUser activate(byte[] bytes) {
        return run(() -> {
            UserRules rules = auth().users();
            return single(
                    users(rules).setEnabled(body(bytes, UsernameRequest.class).username(), true));
        });
    }

    @POST
    @OperationId("disableUser")
    @Path("user/deactivation")
    @Produces(MediaType.APPLICATION_JSON)
    public CustosUser deactivate(byte[] bytes) {
        return run(() -> {
            UserRules rules = auth().users();
            return single(
                    users(rules).setEnabled(body(bytes, UsernameRequest.class).username(), false));
        });
    }

    @GET
    @OperationId("isUserEnabled")
    @Path("user/activation/status")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse activationStatus() {
        return run(() -> {
            return new StatusResponse(users(auth().users()).require(username()).isEnabled());
        });
    }

    @GET
    @OperationId("isUsernameAvailable")
    @Path("user/availability")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse availability() {
        return run(() -> {
            return new StatusResponse(users(auth().users()).isAvailable(username()));
        });
    }

    @PUT
    @OperationId("resetPassword")
    @Path("user/password")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse resetPassword(byte[] bytes) {
        return run(() -> {
            UserService users = users(auth().users());
            PasswordRequest body = body(bytes, PasswordRequest.class);
            users.resetPassword(body.username(), body.password());
            return StatusResponse.OK;
        });
    }

    /** Custos's {@code getUser}: one user by {@code user.username} (the Airavata PHP gateway's role lookup). */
    @GET
    @OperationId("getUser")
    @Path("user")
    @Produces(MediaType.APPLICATION_JSON)
    public CustosUser get() {
        return run(() -> {
            return single(users(auth().users()).require(username()));
        });
    }

    @DELETE
    @OperationId("deleteUser")
    @Path("user")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(byte[] bytes) {
        return done(() -> {
            users(auth().users()).delete(body(bytes, UsernameRequest.class).username());
        });
    }

    @POST
    @OperationId("addUserAttributes")
    @Path("attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addAttributes(byte[] bytes) {
        return done(() -> {
            UserService users = users(auth().users());
            AttributesRequest body = body(bytes, AttributesRequest.class);
            users.attributes().add(UserRequests.attributes(body), body.users());
        });
    }

    @DELETE
    @OperationId("deleteUserAttributes")
    @Path("attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteAttributes(byte[] bytes) {
        return done(() -> {
            UserService users = users(auth().users());
            AttributesRequest body = body(bytes, AttributesRequest.class);
            users.attributes().delete(UserRequests.attributes(body), body.users());
        });
    }

    @POST
    @OperationId("addRolesToUsers")
    @Path("users/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addRoles(byte[] bytes) {
        return run(() -> {
            UserService users = users(auth().users());
            AddRolesRequest body = body(bytes, AddRolesRequest.class);
            auth().requireOwnClientId(body.clientId());
            UserRequests.requireBoundedRoleChanges(UserRequests.size(body.roles()), body.usernames());
            users.roles().add(body.roles(), body.usernames(), Boolean.TRUE.equals(body.clientLevel()));
            return StatusResponse.OK;
        });
    }

    /** The tenant's realm roles, or (with {@code client_level=true}) its client's, as the Custos portal lists them. */
    @GET
    @OperationId(value = "listTenantRoles", rpc = "getTenantRoles")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles roles() {
        return new TenantResource(request).list();
    }

    /** Custos served {@code DELETE /user/roles}; the seed documents {@code /users/roles}. Both work. */
    @DELETE
    @OperationId("deleteUserRoles")
    @Path("user/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteRoles(byte[] bytes) {
        return run(() -> {
            UserService users = users(auth().users());
            DeleteRolesRequest body = body(bytes, DeleteRolesRequest.class);
            auth().requireOwnClientId(body.clientId());
            UserRequests.RoleRemoval removal = UserRequests.roleRemoval(body);
            users.roles().delete(removal.usernames(), removal.realmRoles(), removal.clientRoles());
            return StatusResponse.OK;
        });
    }

    @DELETE
    @OperationId(value = "deleteRolesOfUsers", rpc = "deleteUserRoles")
    @Path("users/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteRolesSeedPath(byte[] bytes) {
        return deleteRoles(bytes);
    }

    @PUT
    @OperationId("updateUserProfile")
    @Path("user/profile")
    @Produces(MediaType.APPLICATION_JSON)
    public CustosUserProfile updateProfile(byte[] bytes) {
        return run(() -> {
            UserService users = users(auth().users());
            UserModel user = users.updateProfile(UserRequests.profile(body(bytes, ProfileRequest.class)));
            return UserRepresentations.toProfile(user, auth().authenticate().client());
        });
    }

    @GET
    @OperationId("findUsers")
    @Path("users")
    @Produces(MediaType.APPLICATION_JSON)
    public UserResponses.Users find() {
        return run(() -> {
            UserService users = users(auth().users());
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            Paging page = Paging.of(q.integer("offset"), q.integer("limit"));
            Map<String, String> filters = new LinkedHashMap<>();
            putIfPresent(filters, UserModel.USERNAME, q.first("user.username", "username"));
            putIfPresent(filters, UserModel.FIRST_NAME, q.first("user.first_name", "user.firstName"));
            putIfPresent(filters, UserModel.LAST_NAME, q.first("user.last_name", "user.lastName"));
            putIfPresent(filters, UserModel.EMAIL, q.first("user.email", "email"));
            Paging.Page<UserModel> found = users.queries().find(q.first("user.id", "id"), filters, page);
            return new UserResponses.Users(
                    found.stream()
                            .map(u -> UserRepresentations.toUser(
                                    request.session(), u, auth().authenticate().client(), false))
                            .toList(),
                    (int) found.total());
        });
    }

    /** Custos's select-by-attributes: {@code user_profile.attributes.key} paired by position with {@code .value(s)}. */
    @GET
    @OperationId("getAllUserProfilesInTenant")
    @Path("users/profile")
    @Produces(MediaType.APPLICATION_JSON)
    public UserResponses.Profiles findByAttributes() {
        return run(() -> {
            UserService users = users(auth().users());
            QueryParams q = new QueryParams(request.uri().getQueryParameters());
            Paging page = Paging.of(q.integer("offset"), q.integer("limit"));
            List<String> keys = q.all("user_profile.attributes.key");
            List<String> values = new ArrayList<>(q.all("user_profile.attributes.value"));
            values.addAll(q.all("user_profile.attributes.values"));
            if (keys.size() != values.size()) {
                throw org.custos.keycloak.error.CustosException.badRequest(
                        "give one user_profile.attributes.value for each user_profile.attributes.key");
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                pairs.put(keys.get(i), values.get(i));
            }
            Paging.Page<UserModel> found = users.queries().findByAttributes(pairs, page);
            return new UserResponses.Profiles(
                    found.stream()
                            .map(u -> UserRepresentations.toProfile(
                                    u, auth().authenticate().client()))
                            .toList(),
                    (int) found.total());
        });
    }

    @POST
    @OperationId("linkUserProfile")
    @Path("user/profile/mapper")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse linkAccounts(byte[] bytes) {
        return done(() -> {
            UserService users = users(auth().users());
            LinkAccountsRequest body = body(bytes, LinkAccountsRequest.class);
            users.attributes().link(body.previousUsername(), body.currentUsername(), body.linkingAttributes());
        });
    }

    @POST
    @OperationId("grantAdminPrivileges")
    @Path("user/admin")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse makeAdmin(byte[] bytes) {
        return done(() -> {
            users(auth().users())
                    .roles()
                    .makeAdmin(body(bytes, UsernameRequest.class).username());
        });
    }

    @DELETE
    @OperationId("removeAdminPrivileges")
    @Path("user/admin")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse removeAdmin(byte[] bytes) {
        return done(() -> {
            users(auth().users())
                    .roles()
                    .removeAdmin(body(bytes, UsernameRequest.class).username());
        });
    }

    private String username() {
        return new QueryParams(request.uri().getQueryParameters()).first("user.username", "username");
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
