package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.ConsoleRules;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.rest.support.RequestBody;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.bundle.BundleExport;
import org.custos.keycloak.service.bundle.BundleImport;
import org.custos.keycloak.service.bundle.BundleMode;

/**
 * {@code /admin/realms/{realm}/custos/bundle}: the realm's Custos data as one document ({@code GET}) and its import
 * ({@code POST}, {@code ?mode=dry-run|refuse|merge}; refuse by default), all or nothing. docs/operations.md.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleBundleResource extends ServiceResource {

    public ConsoleBundleResource(RequestContext request) {
        super(request);
    }

    @GET
    public BundleViews.Bundle export() {
        return run(() -> {
            new ConsoleRules(request.caller()).requireBundleExport();
            return new BundleExport(request.session(), request.realm()).export();
        });
    }

    @POST
    public BundleViews.Report importBundle(byte[] bytes) {
        return run(() -> {
            new ConsoleRules(request.caller()).requireBundleImport();
            BundleMode mode = BundleMode.of(query().first("mode"));
            BundleViews.Bundle bundle = RequestBody.of(
                            bytes,
                            request.session().getContext().getRequestHeaders(),
                            request.config().maxBundleBytes())
                    .json(BundleViews.Bundle.class, RequestLimits.BUNDLE);
            return new BundleImport(
                            request.session(), request.realm(), request.config().secretKeys())
                    .run(bundle, mode);
        });
    }
}
