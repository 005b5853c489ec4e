package org.custos.keycloak.rest.console;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.console.MigrationViews;
import org.custos.keycloak.rest.support.RequestBody;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.bundle.BundleMode;
import org.custos.keycloak.service.migrate.LegacyMigration;
import org.custos.keycloak.service.migrate.LegacySource;
import org.custos.keycloak.service.migrate.VaultExport;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;

/**
 * {@code POST /admin/realms/{realm}/custos/migrate?tenant=<id>&mode=dry-run|refuse|merge}: moves a legacy Custos
 * tenant (the one whose id is the realm's name, as Custos named its realms; another only for the server's admins) from
 * the legacy database the operator configured into this realm; without {@code mode} it is a dry run; the body, if any,
 * is the Vault export holding its secrets' values (a JSON object: Vault path → {@code vault kv get -format=json}
 * output or the bare fields). docs/operations.md.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleMigrationResource extends ServiceResource {

    public ConsoleMigrationResource(RequestContext request) {
        super(request);
    }

    @POST
    public MigrationViews.Report migrate(byte[] bytes) {
        return run(() -> {
            auth().console().requireLegacyMigration();
            LegacySource source = request.config().legacyDatabase();
            if (source == null) {
                throw new CustosException(
                        503,
                        "migration_unavailable",
                        "no legacy Custos database is configured on this server: set the custos SPI option "
                                + "legacy-db-url (and legacy-db-username, legacy-db-password); see docs/operations.md");
            }
            String asked = query().first("mode");
            BundleMode mode = asked == null ? BundleMode.DRY_RUN : BundleMode.of(asked); // writes only when asked to
            String tenant = tenant(query().first("tenant"));
            auth().console().requireLegacyTenant(tenant, request.realm());
            VaultExport vault = vault(RequestBody.of(
                            bytes,
                            request.session().getContext().getRequestHeaders(),
                            request.config().maxBundleBytes())
                    .json(JsonNode.class, RequestLimits.BUNDLE));
            MigrationViews.Report report = new LegacyMigration(
                            request.session(),
                            request.realm(),
                            request.config().secretKeys(),
                            source,
                            new LegacyMigration.Rules(auth().groups(), auth().agents()),
                            request.caller().authenticate())
                    .run(tenant, mode, vault);
            if (report.applied()) {
                new AdminEvents(request.session(), request.caller().authenticate())
                        .emit(
                                OperationType.CREATE,
                                "CUSTOS_BUNDLE",
                                Map.of("migrated", report.imported().added(), "tenant", tenant),
                                "migrate");
            }
            return report;
        });
    }

    /** A legacy tenant id, as Custos wrote it (a number); by default the realm's name, as Custos named realms. */
    private String tenant(String asked) {
        String tenant = asked == null || asked.isBlank() ? request.realm().getName() : asked.strip();
        if (!tenant.matches("[0-9]{1,18}")) {
            throw CustosException.invalidField("tenant", "must be a Custos tenant id (a number)");
        }
        return String.valueOf(Long.parseLong(tenant));
    }

    /** A Vault export: path → {@code {"data": {...}}} (KV v1), {@code {"data": {"data": {...}}}} (v2) or fields. */
    static VaultExport vault(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode() || (body.isObject() && body.isEmpty())) {
            return VaultExport.empty();
        }
        if (!body.isObject()) {
            throw CustosException.badRequest("the body is a Vault export: a JSON object of Vault path to fields");
        }
        Map<String, Map<String, String>> paths = new LinkedHashMap<>();
        body.fields().forEachRemaining(entry -> {
            JsonNode fields = entry.getValue();
            if (fields.has("data") && fields.get("data").isObject()) {
                fields = fields.get("data");
                if (fields.has("data")
                        && fields.has("metadata")
                        && fields.get("data").isObject()) {
                    fields = fields.get("data");
                }
            }
            if (!fields.isObject()) {
                throw CustosException.badRequest("Vault path '" + entry.getKey() + "' holds no fields");
            }
            Map<String, String> values = new LinkedHashMap<>();
            fields.fields()
                    .forEachRemaining(f -> values.put(
                            f.getKey(),
                            f.getValue().isTextual()
                                    ? f.getValue().asText()
                                    : f.getValue().toString()));
            paths.put(entry.getKey(), values);
        });
        return new VaultExport(paths);
    }
}
