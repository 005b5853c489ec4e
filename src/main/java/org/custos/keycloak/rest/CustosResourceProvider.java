package org.custos.keycloak.rest;

import org.custos.keycloak.auth.RealmGate;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.rest.support.CustosConfig;
import org.custos.keycloak.rest.support.RequestContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands each request under {@code /realms/{realm}/custos} a fresh root resource bound to that request. */
public class CustosResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final CustosConfig config;

    public CustosResourceProvider(KeycloakSession session, CustosConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    public Object getResource() {
        if (session.getContext().getRealm() == null) {
            throw CustosException.notFound("realm not found");
        }
        RealmGate.requireOpen(session);
        return new CustosRootResource(new RequestContext(session, config));
    }

    @Override
    public void close() {}
}
