package io.rollwright.api;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The custom search attributes every release carries, so releases can be found by service, version,
 * environment, status and type.
 */
public final class ReleaseSearchAttributes {
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("ReleaseService");
  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("ReleaseVersion");
  public static final SearchAttributeKey<String> ENVIRONMENT =
      SearchAttributeKey.forKeyword("ReleaseEnvironment");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("ReleaseStatus");
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("ReleaseStage");
  public static final SearchAttributeKey<Long> WEIGHT = SearchAttributeKey.forLong("ReleaseWeight");
  public static final SearchAttributeKey<String> REQUESTED_BY =
      SearchAttributeKey.forKeyword("ReleaseRequestedBy");
  public static final SearchAttributeKey<String> TYPE =
      SearchAttributeKey.forKeyword("ReleaseType");

  private ReleaseSearchAttributes() {}

  /** Every attribute with the type a Temporal namespace must register it as. */
  public static Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key :
        new SearchAttributeKey<?>[] {
          SERVICE, VERSION, ENVIRONMENT, STATUS, STAGE, WEIGHT, REQUESTED_BY, TYPE
        }) {
      all.put(key.getName(), key.getValueType());
    }
    return all;
  }

  /**
   * The one-line summary shown in the Web UI's list: {@code checkout 2.3.0 → prod, canary} ({@code
   * checkout → prod, rollback} for a rollback that lets release history choose its version).
   */
  public static String summary(ReleaseRequest r) {
    return r.service()
        + (r.version() == null ? "" : " " + r.version())
        + " → "
        + r.environment()
        + ", "
        + r.strategy().name().toLowerCase(java.util.Locale.ROOT);
  }
}
