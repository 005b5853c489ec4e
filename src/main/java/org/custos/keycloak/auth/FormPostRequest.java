package org.custos.keycloak.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.security.cert.X509Certificate;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

/**
 * The current HTTP request as a form POST that Keycloak code reads: the form we built (a grant from Custos's JSON
 * body, client credentials from a Custos header) and the headers it should see. Everything else is the request's.
 */
public final class FormPostRequest implements HttpRequest {

    private final HttpRequest delegate;
    private final MultivaluedMap<String, String> form;
    private final HttpHeaders headers;

    /** The request with this form; {@code headers} replaces the request's own headers when not null. */
    public FormPostRequest(HttpRequest delegate, MultivaluedMap<String, String> form, HttpHeaders headers) {
        this.delegate = delegate;
        this.form = form;
        this.headers = headers;
    }

    @Override
    public String getHttpMethod() {
        return "POST";
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return form;
    }

    @Override
    public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
        return delegate.getMultiPartFormParameters();
    }

    @Override
    public HttpHeaders getHttpHeaders() {
        return headers != null ? headers : delegate.getHttpHeaders();
    }

    @Override
    public X509Certificate[] getClientCertificateChain() {
        return delegate.getClientCertificateChain();
    }

    @Override
    public UriInfo getUri() {
        return delegate.getUri();
    }

    @Override
    public boolean isProxyTrusted() {
        return delegate.isProxyTrusted();
    }
}
