package org.custos.keycloak.rest;

import org.custos.keycloak.auth.RealmGate;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.rest.support.CustosConfig;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.service.support.CustosOperations;
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
        recordOperation();
        return new CustosRootResource(new RequestContext(session, config));
    }

    /** Names the Custos operation this request serves for the admin events it records (see RouteTable). */
    private void recordOperation() {
        if (session.getContext().getHttpRequest() == null
                || session.getContext().getUri() == null) {
            return;
        }
        String prefix = "realms/" + session.getContext().getRealm().getName() + "/custos/";
        String path = session.getContext().getUri().getPath();
        int at = path.indexOf(prefix);
        if (at >= 0) {
            RouteTable.operation(
                            session.getContext().getHttpRequest().getHttpMethod(), path.substring(at + prefix.length()))
                    .ifPresent(op -> session.setAttribute(CustosOperations.ATTRIBUTE, op));
        }
    }

    @Override
    public void close() {}
}
