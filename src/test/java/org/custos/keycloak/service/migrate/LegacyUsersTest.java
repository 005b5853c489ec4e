package org.custos.keycloak.service.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/** Whose account Custos's rows go to: only Custos's user of that name. Keycloak's models are stand-ins here. */
class LegacyUsersTest {

    private static final long PROFILE = 1_677_600_000_000L; // when Custos made the profiles
    private static final long DAY = LegacyUsers.GRACE_MILLIS;

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                Object a = answers.get(method.getName());
                return a instanceof java.util.function.Function<?, ?> f
                        ? ((java.util.function.Function<Object, Object>) f).apply(args[1])
                        : a;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private static UserModel account(String id, long created) {
        return fake(UserModel.class, Map.of("getId", id, "getCreatedTimestamp", created));
    }

    private static LegacyUsers users(Map<String, UserModel> accounts, List<LegacyTenant.Profile> profiles) {
        java.util.function.Function<Object, Object> byName = name -> accounts.get((String) name);
        UserProvider provider = fake(UserProvider.class, Map.of("getUserByUsername", byName));
        KeycloakSession session = fake(KeycloakSession.class, Map.of("users", provider));
        LegacyTenant tenant = new LegacyTenant(
                "1", Map.of(), null, profiles, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
        return new LegacyUsers(session, fake(RealmModel.class, Map.of()), tenant);
    }

    @Test
    void theAccountCustosKnewGetsTheRows() {
        UserModel alice = account("a1", PROFILE - DAY * 30);
        LegacyUsers users =
                users(Map.of("alice", alice), List.of(new LegacyTenant.Profile("alice", "ACTIVE", PROFILE)));
        assertSame(alice, users.user("alice"));
        assertEquals(new Ref("a1", "alice"), users.ref("alice"));
    }

    @Test
    void anAccountMadeAfterCustossProfileIsAnotherPerson() {
        LegacyUsers users = users(
                Map.of("alice", account("a2", PROFILE + DAY + 1)),
                List.of(new LegacyTenant.Profile("alice", "ACTIVE", PROFILE)));
        assertNull(users.user("alice"));
        Ref ref = users.ref("alice");
        assertEquals("", ref.id(), "an id no account has");
        assertTrue(ref.name().contains("newer than Custos's profile"), ref.name());
    }

    @Test
    void clocksMayDifferByADay() {
        UserModel alice = account("a3", PROFILE + DAY - 1);
        LegacyUsers users =
                users(Map.of("alice", alice), List.of(new LegacyTenant.Profile("alice", "ACTIVE", PROFILE)));
        assertSame(alice, users.user("alice"));
    }

    @Test
    void aDeletedProfileGivesNothingToWhoeverHasTheNameNow() {
        LegacyUsers users = users(
                Map.of("bob", account("b1", PROFILE - DAY)),
                List.of(new LegacyTenant.Profile("bob", "DELETED", PROFILE)));
        assertNull(users.user("bob"));
        assertTrue(users.ref("bob").name().contains("deleted in Custos"));
    }

    @Test
    void aNameWithoutAProfileIsMatchedAsCustosMatchedIt() {
        UserModel zed = account("z1", PROFILE + DAY * 400);
        LegacyUsers users = users(Map.of("zed", zed), List.of());
        assertSame(zed, users.user("zed"));
        assertEquals(new Ref(null, "nobody"), users.ref("nobody"), "no account: the import reports the name");
    }
}
