package org.custos.keycloak.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

import java.security.cert.X509Certificate;

/**
 * The current HTTP request, passed on unchanged; subclasses replace what Keycloak code must see differently (the
 * form of a grant built from Custos's JSON, the credentials of a Custos header).
 */
public abstract class DelegatingHttpRequest implements HttpRequest {

    private final HttpRequest delegate;

    protected DelegatingHttpRequest(HttpRequest delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getHttpMethod() {
        return delegate.getHttpMethod();
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return delegate.getDecodedFormParameters();
    }

    @Override
    public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
        return delegate.getMultiPartFormParameters();
    }

    @Override
    public HttpHeaders getHttpHeaders() {
        return delegate.getHttpHeaders();
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
