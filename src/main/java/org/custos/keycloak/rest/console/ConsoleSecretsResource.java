package org.custos.keycloak.rest.console;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.console.SecretInventoryViews;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.secrets.Secret;
import org.custos.keycloak.service.secrets.SecretInventory;
import org.custos.keycloak.service.secrets.SecretType;
import org.custos.keycloak.service.support.Paging;

/**
 * The secrets page ({@code .../custos/secrets}): summaries narrowed by {@code owner}, {@code type} and {@code client}
 * and paged by {@code first}/{@code max} in the database, deletion ({@code DELETE ?token=}), and the key ring's
 * state. Never a value.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleSecretsResource extends ServiceResource {

    public ConsoleSecretsResource(RequestContext request) {
        super(request);
    }

    private SecretInventory inventory(SecretRules rules) {
        return new SecretInventory(request.session(), rules, request.config().secretKeys());
    }

    @GET
    public SecretInventoryViews.Page list() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            rules.requireMayListAll();
            QueryParams q = query();
            String type = q.first("type");
            if (type != null && !SecretType.isKnown(type)) {
                throw CustosException.invalidField("type", "must be one of " + Arrays.toString(SecretType.values()));
            }
            return new SecretInventoryViews.Page(inventory(rules)
                    .list(
                            q.first("owner"),
                            type == null ? null : SecretType.valueOf(type),
                            q.first("client"),
                            Paging.of(q.integer("first"), q.integer("max")))
                    .stream()
                    .map(ConsoleSecretsResource::summary)
                    .toList());
        });
    }

    private static SecretInventoryViews.Summary summary(Secret s) {
        return new SecretInventoryViews.Summary(
                s.token(),
                s.type().name(),
                s.owner(),
                s.clientId(),
                s.kvKey(),
                s.description(),
                s.createdAt(),
                s.keyId());
    }

    @GET
    @Path("keys")
    public SecretInventoryViews.KeyStatus keys() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            rules.requireMayViewKeys();
            SecretInventory.KeyStatus k = inventory(rules).keyStatus();
            return new SecretInventoryViews.KeyStatus(
                    k.configured(), k.activeKey(), k.keys(), k.perKey(), k.underOldKeys());
        });
    }

    /**
     * Deletes the secret of {@code token} (a query parameter: tokens are opaque and may hold any character). Who may
     * not list the realm's secrets learns nothing of them; then whoever may manage the owner's account, which would
     * delete the secret with it.
     */
    @DELETE
    public StatusResponse delete() {
        return done(() -> {
            SecretRules rules = auth().secrets();
            rules.requireMayListAll();
            String token = query().first("token");
            if (token == null) {
                throw CustosException.invalidField("token", "is required");
            }
            SecretInventory inventory = inventory(rules);
            SecretInventory.Listed secret = inventory.find(token);
            rules.requireMayDeleteAsAdmin(secret.owner());
            inventory.delete(secret);
        });
    }
}
