package io.rollwright.activities.traffic.play;

import static io.rollwright.activities.traffic.play.PlayRollout.COMPLETED;
import static io.rollwright.activities.traffic.play.PlayRollout.HALTED;
import static io.rollwright.activities.traffic.play.PlayRollout.IN_PROGRESS;
import static io.rollwright.activities.traffic.play.PlayRollout.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.api.services.androidpublisher.model.TrackRelease;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayRolloutTest {
  private static final List<TrackRelease> LIVE_41 = List.of(release(41, COMPLETED, null, "2.3.0"));

  @Test
  void aStageOffersTheNewVersionToItsFractionBesideTheLiveOne() {
    List<TrackRelease> at10 = PlayRollout.staged(LIVE_41, 42, 10, "2.4.0");

    assertEquals("[completed [41] null, inProgress [42] 0.1]", PlayRollout.shape(at10));
    assertEquals(10, PlayRollout.weightOf(at10, 42));
    assertEquals(100, PlayRollout.weightOf(at10, 41));
    assertEquals(0.5, PlayRollout.weightOf(PlayRollout.staged(at10, 42, 0.5, "2.4.0"), 42));
  }

  @Test
  void oneHundredPercentCompletesTheNewVersionAlone() {
    List<TrackRelease> at10 = PlayRollout.staged(LIVE_41, 42, 10, "2.4.0");

    List<TrackRelease> done = PlayRollout.staged(at10, 42, 100, "2.4.0");

    assertEquals("[completed [42] null]", PlayRollout.shape(done));
    assertEquals(42L, PlayRollout.live(done));
  }

  @Test
  void haltingKeepsTheFractionAndStopsOffering() {
    List<TrackRelease> at25 = PlayRollout.staged(LIVE_41, 42, 25, "2.4.0");

    List<TrackRelease> halted = PlayRollout.halted(at25, 42);

    assertEquals("[completed [41] null, halted [42] 0.25]", PlayRollout.shape(halted));
    assertEquals(0, PlayRollout.weightOf(halted, 42));
    assertNull(PlayRollout.halted(halted, 42), "halting twice changes nothing");
    assertNull(PlayRollout.halted(LIVE_41, 42), "nothing to halt");
  }

  @Test
  void aCompletedReleaseIsHaltedWithoutAFraction() {
    List<TrackRelease> halted =
        PlayRollout.halted(List.of(release(42, COMPLETED, null, "2.4.0")), 42);

    assertEquals("[halted [42] null]", PlayRollout.shape(halted));
  }

  @Test
  void aHaltedReleaseSetToAWeightResumes() {
    List<TrackRelease> halted =
        List.of(release(41, COMPLETED, null, null), release(42, HALTED, 0.25, null));

    assertEquals(
        "[completed [41] null, inProgress [42] 0.25]",
        PlayRollout.shape(PlayRollout.staged(halted, 42, 25, "2.4.0")));
    assertEquals(
        PlayRollout.shape(halted),
        PlayRollout.shape(PlayRollout.staged(halted, 42, 0, "2.4.0")),
        "weight 0 keeps it halted");
    assertEquals(
        PlayRollout.shape(LIVE_41),
        PlayRollout.shape(PlayRollout.staged(LIVE_41, 42, 0, "2.4.0")),
        "weight 0 of a version never offered adds nothing");
    assertEquals(IN_PROGRESS, PlayRollout.staged(halted, 42, 5, null).get(1).getStatus());
  }
}
