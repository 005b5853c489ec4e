package org.custos.keycloak.service.support;

import java.util.List;

/** One attribute of a user or a group as a request names it: its key and values (either may be null if left out). */
public record AttributeValues(String key, List<String> values) {}
