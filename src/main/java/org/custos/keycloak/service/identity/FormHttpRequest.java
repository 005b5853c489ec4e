package org.custos.keycloak.service.identity;

import jakarta.ws.rs.core.MultivaluedMap;
import org.custos.keycloak.auth.DelegatingHttpRequest;
import org.keycloak.http.HttpRequest;

/**
 * The current HTTP request, but with the form parameters we assembled from Custos's JSON body or query string.
 * Keycloak's direct-grant authenticators read the username and password from the request's form, not from the
 * grant context, so the grant must see this request.
 */
final class FormHttpRequest extends DelegatingHttpRequest {

    private final MultivaluedMap<String, String> form;

    FormHttpRequest(HttpRequest delegate, MultivaluedMap<String, String> form) {
        super(delegate);
        this.form = form;
    }

    @Override
    public String getHttpMethod() {
        return "POST";
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return form;
    }
}
