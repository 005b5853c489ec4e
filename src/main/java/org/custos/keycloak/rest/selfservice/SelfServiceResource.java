package org.custos.keycloak.rest.selfservice;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.UserRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.selfservice.SelfServiceUser;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.selfservice.SelfServiceDirectory;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.models.UserModel;

/**
 * The self-service API of the CI/CD-user flow ({@code /realms/{realm}/custos/api}): a user's first
 * {@code GET /api/user} registers them; {@code GET /api/users/{uid}} is the record's self link.
 */
public class SelfServiceResource extends ServiceResource {

    static final String REALM_HEADER = "realm";

    public SelfServiceResource(RequestContext request) {
        super(request);
    }

    /** The calling user's self-service record, registering them on the first call. */
    @GET
    @OperationId("getCurrentUser")
    @Path("user")
    @Produces(MediaType.APPLICATION_JSON)
    public SelfServiceUser me() {
        return run(() -> {
            Caller c = auth().requireUser();
            checkRealmHeader();
            return view(new SelfServiceDirectory(request.session()).register(c.user(), c));
        });
    }

    /** A registered user's record: for that user, or for a caller Keycloak lets view the user. */
    @GET
    @OperationId("getUserById")
    @Path("users/{uid}")
    @Produces(MediaType.APPLICATION_JSON)
    public SelfServiceUser user(@PathParam("uid") String uid) {
        return run(() -> {
            UserRules users = auth().users();
            Caller c = users.caller();
            checkRealmHeader();
            boolean self = c.isUser() && c.user().getId().equals(uid);
            if (!self && !users.canQuery()) {
                throw CustosException.forbidden("another user's record needs Keycloak's view-users");
            }
            UserModel user = request.session().users().getUserById(request.realm(), uid);
            SelfServiceDirectory directory = new SelfServiceDirectory(request.session());
            if (user == null
                    || !UserService.isPerson(user)
                    || !directory.isRegistered(user)
                    || !self && !users.canView(user)) {
                throw CustosException.notFound("no self-service user '" + uid + "'");
            }
            return view(directory.describe(user));
        });
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** The record as the self-service answered it, with its links under this server's {@code /api/users/}. */
    private SelfServiceUser view(SelfServiceDirectory.Registration r) {
        UserModel user = r.user();
        String at = LocalDateTime.ofInstant(Instant.ofEpochMilli(r.registeredAt()), ZoneOffset.UTC)
                .format(TIMESTAMP);
        String href = request.baseUrl() + "/api/users/" + user.getId() + "{?projection}";
        Map<String, SelfServiceUser.Link> links = new LinkedHashMap<>();
        links.put("self", new SelfServiceUser.Link(href, true, "URI pointing to current request"));
        links.put("user", new SelfServiceUser.Link(href, true, "A user"));
        return new SelfServiceUser(
                user.getFirstName(),
                user.getLastName(),
                null,
                new SelfServiceUser.EmailAddress(user.getEmail()),
                user.getFirstAttribute("phoneNumber"),
                r.roles().stream().map(SelfServiceUser.Role::new).toList(),
                user.getId(),
                at,
                at,
                null,
                null,
                links);
    }

    /** The seed sends {@code realm: <your_realm>}; it must name the realm of the path. */
    private void checkRealmHeader() {
        String header = request.session().getContext().getRequestHeaders().getHeaderString(REALM_HEADER);
        if (header != null
                && !header.isBlank()
                && !header.trim().equals(request.realm().getName())) {
            throw CustosException.badRequest(
                    "the realm header '" + header.trim() + "' does not match the realm of the URL '"
                            + request.realm().getName() + "'");
        }
    }
}
