package io.rollwright.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a kind of release ({@code hotfix}, {@code feature}, {@code major}) changes in its policy:
 * its own {@code stages} and {@code bake} (with their gates and approvers) where given, and whether
 * deploy-calendar freezes hold it ({@code freezes}: {@code apply}, the default, or {@code
 * break-glass}: it passes freezes, and starting one is break-glass).
 */
public record ReleaseType(List<Stage> stages, Bake bake, Freezes freezes) {
  /** Whether a release of the type is held by freezes. */
  public enum Freezes {
    @JsonProperty("apply")
    APPLY,
    @JsonProperty("break-glass")
    BREAK_GLASS
  }

  public ReleaseType {
    freezes = freezes == null ? Freezes.APPLY : freezes;
  }

  /** Whether a release of this type passes freezes, as break-glass. */
  public boolean passesFreezes() {
    return freezes == Freezes.BREAK_GLASS;
  }
}
