package org.custos.keycloak.rest.console;

import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.rest.CustosResourceProviderFactory;
import org.custos.keycloak.rest.support.CustosConfig;
import org.custos.keycloak.rest.support.RequestContext;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The admin console's Custos endpoints at {@code /admin/realms/{realm}/custos}, behind Keycloak's admin API: it has
 * authenticated the administrator (of this realm or of master) and hands over its permission evaluator, which every
 * decision below asks. The server-wide configuration is the Custos API's.
 */
public class ConsoleResourceProviderFactory implements AdminRealmResourceProviderFactory {

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(
                    KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder events) {
                return new ConsoleResource(new RequestContext(s, config(s), new CallerContext(s, auth)));
            }

            @Override
            public void close() {}
        };
    }

    private static CustosConfig config(KeycloakSession session) {
        return ((CustosResourceProviderFactory) session.getKeycloakSessionFactory()
                        .getProviderFactory(RealmResourceProvider.class, CustosResourceProviderFactory.ID))
                .config();
    }

    @Override
    public void init(Config.Scope scope) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return CustosResourceProviderFactory.ID;
    }
}
