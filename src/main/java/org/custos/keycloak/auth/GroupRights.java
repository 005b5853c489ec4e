package org.custos.keycloak.auth;

import java.util.Collection;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * What the group rules ask Keycloak's admin permission evaluator ({@link AdminAccess} answers in a server; the group
 * rules' unit tests answer with a table). Each method is the evaluator's question of the same name.
 */
public interface GroupRights {

    boolean canListGroups();

    boolean canManageGroups();

    boolean canView(GroupModel group);

    boolean canManage(GroupModel group);

    boolean canManageMembership(GroupModel group);

    boolean canViewMembers(GroupModel group);

    boolean canView(UserModel user);

    boolean canQueryUsers();

    boolean canManageGroupMembership(UserModel user);

    /** Every role a principal would gain or lose, each as Keycloak checks a direct role mapping; 403 otherwise. */
    void requireGrantAll(Collection<RoleModel> roles);
}
