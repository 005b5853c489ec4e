package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One row of {@code CUSTOS_GROUP_MEMBERSHIP}: the Custos type of a Keycloak group membership. */
@Entity(name = "CustosGroupMembership")
@Table(name = "CUSTOS_GROUP_MEMBERSHIP")
@NamedQueries({
    @NamedQuery(
            name = "custosMembership.one",
            query = "select m from CustosGroupMembership m "
                    + "where m.realmId = :realmId and m.groupId = :groupId and m.userId = :userId"),
    @NamedQuery(
            name = "custosMembership.ofGroup",
            query = "select m from CustosGroupMembership m " + "where m.realmId = :realmId and m.groupId = :groupId"),
    @NamedQuery(
            name = "custosMembership.countOfType",
            query = "select count(m) from CustosGroupMembership m "
                    + "where m.realmId = :realmId and m.groupId = :groupId and m.type = :type"),
    @NamedQuery(
            name = "custosMembership.deleteOne",
            query = "delete from CustosGroupMembership m "
                    + "where m.realmId = :realmId and m.groupId = :groupId and m.userId = :userId"),
    @NamedQuery(
            name = "custosMembership.deleteUser",
            query = "delete from CustosGroupMembership m " + "where m.realmId = :realmId and m.userId = :userId"),
    @NamedQuery(
            name = "custosMembership.deleteGroup",
            query = "delete from CustosGroupMembership m " + "where m.realmId = :realmId and m.groupId = :groupId"),
    @NamedQuery(
            name = "custosMembership.deleteRealm",
            query = "delete from CustosGroupMembership m " + "where m.realmId = :realmId")
})
public class GroupMembershipEntity extends RealmScoped {

    @Column(name = "GROUP_ID", length = 36, nullable = false)
    private String groupId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "MEMBERSHIP_TYPE", length = 64, nullable = false)
    private String type;

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }
}
