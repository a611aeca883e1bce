package io.rollwright.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Release types: which a request may name, and what each changes in the policy it runs. */
class ReleaseTypeTest {
  static final Stage TEN =
      new Stage("canary-10", 10.0, Duration.ofMinutes(30), null, null, null, null, null);
  static final Stage FIFTY =
      new Stage("canary-50", 50.0, Duration.ofMinutes(5), null, null, null, null, null);

  static ReleasePolicy policy(String defaultType, Map<String, ReleaseType> types) {
    return new ReleasePolicy(
        "p",
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(TEN),
        Map.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        defaultType,
        types,
        null,
        null);
  }

  @Test
  void aPolicyWithoutTypesKnowsHotfixFeatureAndMajorAndDefaultsToFeature() {
    ReleasePolicy p = policy(null, null);
    assertEquals(List.of("hotfix", "feature", "major"), p.typeNames());
    assertEquals("feature", p.typeOf(null));
    assertEquals("hotfix", p.typeOf("hotfix"));
    assertEquals(List.of(TEN), p.ofType("hotfix").stages(), "no type changes anything");
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> p.typeOf("bugfix"));
    assertEquals(
        "type: 'bugfix' is not a release type of this policy (types: hotfix, feature, major)",
        e.getMessage());
  }

  @Test
  void aDeclaredTypeBringsItsStagesAndSaysWhetherItPassesFreezes() {
    Map<String, ReleaseType> types = new LinkedHashMap<>();
    types.put("routine", new ReleaseType(null, null, null));
    types.put("urgent", new ReleaseType(List.of(FIFTY), null, ReleaseType.Freezes.BREAK_GLASS));
    ReleasePolicy p = policy("routine", types);
    assertEquals(List.of("routine", "urgent"), p.typeNames());
    assertEquals("routine", p.typeOf(null));
    assertEquals(List.of(FIFTY), p.ofType("urgent").stages());
    assertEquals(List.of(TEN), p.ofType("routine").stages());
    assertTrue(p.type("urgent").passesFreezes());
    assertFalse(p.type("routine").passesFreezes());
    assertThrows(InvalidReleaseException.class, () -> p.typeOf("hotfix"));
  }

  @Test
  void aDefaultTypeThatIsNoTypeIsRefused() {
    InvalidReleaseException e =
        assertThrows(InvalidReleaseException.class, () -> policy("minor", null).typeOf(null));
    assertEquals(
        "policy.defaultType: 'minor' is not a release type of this policy (types: hotfix,"
            + " feature, major)",
        e.getMessage());
  }
}
