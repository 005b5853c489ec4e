package org.custos.keycloak.auth;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers of a form post carrying client credentials: as they are, but without the Custos
 * {@code Authorization} header (Keycloak's authenticators must read the form, not a header they cannot parse) and
 * with the form's content type.
 */
final class FormPostHeaders implements HttpHeaders {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    private final HttpHeaders delegate;

    FormPostHeaders(HttpHeaders delegate) {
        this.delegate = delegate;
    }

    private static boolean hidden(String name) {
        return name.equalsIgnoreCase(AUTHORIZATION) || name.equalsIgnoreCase(CONTENT_TYPE);
    }

    @Override
    public List<String> getRequestHeader(String name) {
        if (name.equalsIgnoreCase(CONTENT_TYPE)) {
            return List.of(FORM);
        }
        return hidden(name) ? null : delegate.getRequestHeader(name);
    }

    @Override
    public String getHeaderString(String name) {
        if (name.equalsIgnoreCase(CONTENT_TYPE)) {
            return FORM;
        }
        return hidden(name) ? null : delegate.getHeaderString(name);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        MultivaluedMap<String, String> copy = new MultivaluedHashMap<>();
        for (Map.Entry<String, List<String>> e : delegate.getRequestHeaders().entrySet()) {
            if (!hidden(e.getKey())) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        copy.putSingle(CONTENT_TYPE, FORM);
        return copy;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return delegate.getAcceptableMediaTypes();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return delegate.getAcceptableLanguages();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_FORM_URLENCODED_TYPE;
    }

    @Override
    public Locale getLanguage() {
        return delegate.getLanguage();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return delegate.getCookies();
    }

    @Override
    public Date getDate() {
        return delegate.getDate();
    }

    @Override
    public int getLength() {
        return delegate.getLength();
    }
}
