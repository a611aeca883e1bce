package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rollwright.api.PromotedRelease;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import io.rollwright.policy.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoChoiceTest {
  /** checkout in prod ran 2.2.0, then 2.3.0, and runs 2.4.0 now (newest first). */
  private static final List<PromotedRelease> PROMOTED =
      List.of(
          promoted("2.4.0", "registry/checkout:2.4.0"),
          promoted("2.3.0", "registry/checkout:2.3.0"),
          promoted("2.2.0", "registry/checkout:2.2.0"));

  private static PromotedRelease promoted(String version, String image) {
    return new PromotedRelease(version, image, "checkout@prod", "run-" + version, 0);
  }

  private static ReleaseRequest rollback(String to, String image, boolean force) {
    return new ReleaseRequest(
        "checkout",
        to,
        image,
        "prod",
        Strategy.ROLLBACK,
        null,
        null,
        "alice",
        "p95 doubled",
        null,
        force,
        null);
  }

  @Test
  void withoutAVersionItReleasesTheOnePromotedBeforeTheCurrentOneAsItWasPromoted() {
    UndoChoice c = UndoChoice.of(rollback(null, null, false), PROMOTED);
    assertNull(c.refusal());
    assertEquals("2.4.0", c.from());
    assertEquals("2.3.0", c.request().version());
    assertEquals("registry/checkout:2.3.0", c.request().image());
    assertEquals(Strategy.ROLLBACK, c.request().strategy());
  }

  @Test
  void aNamedVersionPromotedThereBeforeIsReleasedWithItsImage() {
    UndoChoice c = UndoChoice.of(rollback("2.2.0", null, false), PROMOTED);
    assertEquals("registry/checkout:2.2.0", c.request().image());
    assertEquals(false, c.request().forced(), "a version promoted there needs no force");
  }

  @Test
  void anotherImageThanTheVersionWasPromotedWithIsRefused() {
    assertEquals(
        "2.3.0 was promoted to prod as registry/checkout:2.3.0, not evil/checkout:2.3.0: leave out"
            + " the image to release it as it was",
        UndoChoice.of(rollback("2.3.0", "evil/checkout:2.3.0", false), PROMOTED).refusal());
  }

  @Test
  void aVersionNeverPromotedThereIsRefusedNamingThoseThatWere() {
    UndoChoice c = UndoChoice.of(rollback("9.9.9", null, false), PROMOTED);
    assertNull(c.request());
    assertEquals(
        "9.9.9 was never promoted to prod for checkout (promoted there: 2.4.0, 2.3.0, 2.2.0);"
            + " releasing it anyway takes --force, an --image and a reason, from a holder of the"
            + " breakGlass role",
        c.refusal());
  }

  @Test
  void forcedItReleasesTheGivenImageAndStaysForced() {
    UndoChoice c = UndoChoice.of(rollback("9.9.9", "registry/checkout:9.9.9", true), PROMOTED);
    assertNull(c.refusal());
    assertEquals("registry/checkout:9.9.9", c.request().image());
    assertEquals(true, c.request().forced());
  }

  @Test
  void theCurrentVersionAndAnEmptyHistoryAreRefused() {
    assertEquals(
        "checkout in prod runs 2.4.0 already: a rollback to it would undo nothing",
        UndoChoice.of(rollback("2.4.0", null, false), PROMOTED).refusal());
    assertEquals(
        "no version of checkout in prod was promoted before 2.4.0 as far back as release history"
            + " goes; name one with --to VERSION (with --force and --image when it was never"
            + " promoted there)",
        UndoChoice.of(rollback(null, null, false), PROMOTED.subList(0, 1)).refusal());
    assertEquals(
        "no version of checkout in prod was promoted as far back as release history goes; name"
            + " one with --to VERSION (with --force and --image when it was never promoted there)",
        UndoChoice.of(rollback(null, null, false), List.of()).refusal());
  }

  @Test
  void aRollbackBreaksGlassWhereRolesAreDeclaredAndAForcedOneAlways() {
    ReleaseRequest chosen = rollback("2.3.0", "registry/checkout:2.3.0", false);
    Roles declared = new Roles(null, null, new Role(List.of("sre"), List.of()), false, null);
    assertEquals(
        "a rollback to 2.3.0 (straight to 100%)",
        Permissions.breakGlassAsked(chosen, declared, null));
    assertNull(
        Permissions.breakGlassAsked(chosen, Roles.UNDECLARED, null),
        "where no role is declared anyone may roll back, as anyone may abort");
    assertEquals(
        "a forced rollback to 9.9.9, never promoted to prod",
        Permissions.breakGlassAsked(
            rollback("9.9.9", "registry/checkout:9.9.9", true), Roles.UNDECLARED, null));
  }
}
