package io.rollwright.workflow;

import io.rollwright.api.PromotedRelease;
import io.rollwright.api.ReleaseRequest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which version a rollback releases, from the versions promoted to its environment (newest first).
 * Pure. Without a version: the one promoted before the current one. With one: that version, as it
 * was promoted (its image: another one given is refused); a version never promoted there only when
 * forced, with the image given. The current version is never a rollback's target: there would be
 * nothing to undo.
 *
 * @param request the request with the version and image the rollback releases, or null when refused
 * @param from the version running now (the latest promoted), or null when none is known
 * @param refusal why no version can be chosen, or null
 */
public record UndoChoice(ReleaseRequest request, String from, String refusal) {

  /** The choice for {@code rollback} among {@code promoted}, newest first. */
  public static UndoChoice of(ReleaseRequest rollback, List<PromotedRelease> promoted) {
    String where = rollback.service() + " in " + rollback.environment();
    String current = promoted.isEmpty() ? null : promoted.get(0).version();
    String wanted = rollback.version();
    if (wanted == null) {
      Optional<PromotedRelease> before =
          promoted.stream().filter(p -> !p.version().equals(current)).findFirst();
      if (before.isEmpty()) {
        return refused(
            current,
            (current == null
                    ? "no version of " + where + " was promoted"
                    : "no version of " + where + " was promoted before " + current)
                + " as far back as release history goes; name one with --to VERSION (with --force"
                + " and --image when it was never promoted there)");
      }
      return chosen(rollback, before.get(), current);
    }
    if (wanted.equals(current)) {
      return refused(
          current, where + " runs " + current + " already: a rollback to it would undo nothing");
    }
    Optional<PromotedRelease> known =
        promoted.stream().filter(p -> p.version().equals(wanted)).findFirst();
    if (known.isPresent()) {
      String image = known.get().image();
      if (rollback.image() != null && !rollback.image().equals(image)) {
        return refused(
            current,
            wanted
                + " was promoted to "
                + rollback.environment()
                + " as "
                + image
                + ", not "
                + rollback.image()
                + ": leave out the image to release it as it was");
      }
      return chosen(rollback, known.get(), current);
    }
    if (rollback.forced()) {
      return new UndoChoice(rollback.releasing(wanted, rollback.image(), true), current, null);
    }
    return refused(
        current,
        wanted
            + " was never promoted to "
            + rollback.environment()
            + " for "
            + rollback.service()
            + " (promoted there: "
            + (promoted.isEmpty()
                ? "none"
                : promoted.stream().map(PromotedRelease::version).collect(Collectors.joining(", ")))
            + "); releasing it anyway takes --force, an --image and a reason, from a holder of the"
            + " breakGlass role");
  }

  private static UndoChoice chosen(ReleaseRequest rollback, PromotedRelease to, String current) {
    return new UndoChoice(rollback.releasing(to.version(), to.image(), false), current, null);
  }

  private static UndoChoice refused(String current, String why) {
    return new UndoChoice(null, current, why);
  }
}
