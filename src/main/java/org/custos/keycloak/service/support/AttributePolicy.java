package org.custos.keycloak.service.support;

import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Keycloak 26 shows and keeps user attributes outside the declarative user profile only when the realm's
 * unmanaged-attribute policy allows it. Custos attributes are admin data, so the first write switches a realm whose
 * policy is off to ADMIN_EDIT: administrators see and edit them in the console; users can neither see nor change
 * them through the Account console. A realm that already chose a policy keeps it.
 */
public final class AttributePolicy {

    private AttributePolicy() {}

    public static void ensureAdminEditable(KeycloakSession session, AdminEvents events) {
        UserProfileProvider provider = session.getProvider(UserProfileProvider.class);
        UPConfig config = provider.getConfiguration();
        if (config.getUnmanagedAttributePolicy() == null) {
            config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
            provider.setConfiguration(config);
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.USER_PROFILE,
                    Map.of("unmanagedAttributePolicy", "ADMIN_EDIT"),
                    "users",
                    "profile");
        }
    }
}
