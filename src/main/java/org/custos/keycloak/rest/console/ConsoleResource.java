package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.ConsoleRules;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;

/**
 * {@code /admin/realms/{realm}/custos}: what the admin console's Custos pages read and change. {@code GET} answers
 * which pages the administrator may open; each page's endpoints are below it.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource extends ServiceResource {

    public ConsoleResource(RequestContext request) {
        super(request);
    }

    @GET
    public ConsoleRules.Pages pages() {
        return run(() -> {
            auth().console().requireAnyAdmin();
            return auth().console().pages();
        });
    }

    @Path("sharing")
    public ConsoleSharingResource sharing() {
        return new ConsoleSharingResource(request);
    }

    @Path("groups")
    public ConsoleGroupsResource groups() {
        return new ConsoleGroupsResource(request);
    }

    @Path("agents")
    public ConsoleAgentsResource agents() {
        return new ConsoleAgentsResource(request);
    }

    @Path("secrets")
    public ConsoleSecretsResource secrets() {
        return new ConsoleSecretsResource(request);
    }

    @Path("bundle")
    public ConsoleBundleResource bundle() {
        return new ConsoleBundleResource(request);
    }

    @Path("migrate")
    public ConsoleMigrationResource migrate() {
        return new ConsoleMigrationResource(request);
    }

    @Path("audit")
    public ConsoleAuditResource audit() {
        return new ConsoleAuditResource(request);
    }
}
