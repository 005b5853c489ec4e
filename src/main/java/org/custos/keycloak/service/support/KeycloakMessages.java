package org.custos.keycloak.service.support;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

/**
 * Turns Keycloak's message keys (password-policy and user-profile validation errors) into the English text Keycloak
 * itself shows, e.g. {@code invalidPasswordMinLengthMessage} → "Invalid password: minimum length 8.".
 */
public final class KeycloakMessages {

    private KeycloakMessages() {}

    public static String format(KeycloakSession session, String key, Object... parameters) {
        String pattern = key;
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getMessages(Locale.ENGLISH);
            pattern = messages.getProperty(key, key);
        } catch (IOException | RuntimeException e) {
            // fall back to the key itself
        }
        Object[] args = parameters == null ? new Object[0] : parameters;
        try {
            return new MessageFormat(pattern, Locale.ENGLISH).format(args);
        } catch (IllegalArgumentException e) {
            return pattern;
        }
    }
}
