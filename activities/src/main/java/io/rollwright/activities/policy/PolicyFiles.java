package io.rollwright.activities.policy;

import java.util.Optional;

/** A place policy files live, by name ({@code checkout} → {@code checkout.yaml}). */
public interface PolicyFiles {
  /** The YAML text of the named policy, if this place has it. */
  Optional<String> read(String name);

  /** Where this place is, for messages and the policy's recorded source. */
  String describe(String name);
}
