package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.rest.support.RequestBody;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.bundle.BundleExport;
import org.custos.keycloak.service.bundle.BundleImport;
import org.custos.keycloak.service.bundle.BundleMode;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;

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
            auth().console().requireBundleExport();
            BundleViews.Bundle bundle = new BundleExport(request.session(), request.realm()).export();
            record(
                    OperationType.ACTION,
                    Map.of(
                            "exported",
                            Map.of(
                                    "entities",
                                    bundle.entities().size(),
                                    "shares",
                                    bundle.shares().size(),
                                    "secrets",
                                    bundle.secrets().size())));
            return bundle;
        });
    }

    @POST
    public BundleViews.Report importBundle(byte[] bytes) {
        return run(() -> {
            auth().console().requireBundleImport();
            BundleMode mode = BundleMode.of(query().first("mode"));
            BundleViews.Bundle bundle = RequestBody.of(
                            bytes,
                            request.session().getContext().getRequestHeaders(),
                            request.config().maxBundleBytes())
                    .json(BundleViews.Bundle.class, RequestLimits.BUNDLE);
            BundleViews.Report report = new BundleImport(
                            request.session(), request.realm(), request.config().secretKeys(), mode)
                    .run(bundle);
            if (report.applied()) {
                record(OperationType.CREATE, Map.of("imported", report.added(), "mode", report.mode()));
            }
            return report;
        });
    }

    /** An admin event (resource type CUSTOS_BUNDLE) naming what moved, counted; never a row, never a value. */
    private void record(OperationType operation, Object counts) {
        new AdminEvents(request.session(), request.caller().authenticate())
                .emit(operation, "CUSTOS_BUNDLE", counts, "bundle");
    }
}
