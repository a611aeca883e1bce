package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainControlsTest {
  /** db operated by anyone, api by the on-call only, web by the on-call and kim. */
  private static final TrainControls Q4 = q4();

  private static TrainControls q4() {
    Map<String, Permissions> byService = new LinkedHashMap<>();
    byService.put("db", permissions("db", null));
    byService.put("api", permissions("api", List.of("oncall-sam")));
    byService.put("web", permissions("web", List.of("oncall-sam", "kim")));
    return new TrainControls(byService);
  }

  private static Permissions permissions(String service, List<String> operators) {
    Role role = operators == null ? null : new Role(operators, List.of());
    return new Permissions(
        new Roles(null, role, null, false, null), service + "@prod", "alice", null);
  }

  private static String why(TrainControls rules, Action action, String actor, String reason) {
    TrainControls.Refusal r = rules.refusal(new ControlCommand(action, actor, reason), null);
    return r == null ? null : r.why() + (r.forbidden() ? " [forbidden]" : "");
  }

  @Test
  void aControlNeedsTheOperatorsRoleOfEveryServiceAndNamesTheFirstItLacks() {
    assertNull(why(Q4, Action.ABORT, "oncall-sam", "incident"));
    assertEquals(
        "kim may not pause api@prod: that needs the operators role (held by oncall-sam);"
            + " a train's pause needs it for every service [forbidden]",
        why(Q4, Action.PAUSE, "kim", null));
  }

  @Test
  void aTrainTakesOnlySignedPausesResumesAbortsAndDecisions() {
    assertEquals(
        "a train takes pause, resume, abort, and approve and reject at its gates; promote its"
            + " releases under their own IDs (<service>@<environment>)",
        why(Q4, Action.PROMOTE, "oncall-sam", null));
    assertEquals(
        "actor: must be one identity without spaces or line breaks",
        why(Q4, Action.APPROVE, " ", null));
    assertEquals("an abort names who asks and why", why(Q4, Action.ABORT, "oncall-sam", " "));
    assertEquals("a pause names who asks", why(Q4, Action.PAUSE, "", null));
    assertEquals(
        "train:q4@prod has ended",
        Q4.refusal(new ControlCommand(Action.ABORT, "oncall-sam", "x"), "train:q4@prod has ended")
            .why());
  }

  @Test
  void beforeItsRolesAreKnownOrInATrainStartedBeforeRolesAnySignedControlPasses() {
    assertNull(why(TrainControls.ROLES_UNKNOWN, Action.ABORT, "mallory", "why not"));
  }
}
