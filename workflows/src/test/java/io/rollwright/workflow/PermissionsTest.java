package io.rollwright.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import io.rollwright.policy.Strategy;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  private static final String DIRECT = Permissions.breakGlassAsked(Strategy.DIRECT, null);

  private static Role people(String... names) {
    return new Role(List.of(names), List.of());
  }

  @Test
  void undeclaredRolesLetAnyoneStartAndOperateButNobodyBreakGlass() {
    Permissions open = new Permissions(Roles.UNDECLARED, "checkout@prod", "alice", null);
    assertNull(open.startRefusal());
    assertNull(open.controlRefusal(new ControlCommand(Action.ABORT, "anyone", "why")));
    assertEquals(
        "alice may not start a direct release (skipping stages and analysis) of checkout@prod: that needs the breakGlass role,"
            + " and nobody holds it: name its holders in roles.breakGlass of the service's policy",
        new Permissions(Roles.UNDECLARED, "checkout@prod", "alice", DIRECT).startRefusal());
  }

  @Test
  void aBreakGlassStartNeedsSomeoneBesidesTheRequesterToConfirm() {
    Permissions alone =
        new Permissions(
            new Roles(null, null, people("alice"), false, null), "checkout@prod", "alice", DIRECT);
    assertEquals(
        "alice may not start a direct release (skipping stages and analysis) of checkout@prod: it needs a second holder of the"
            + " breakGlass role to confirm, and there is none besides alice (or set roles.soloBreakGlass)",
        alone.startRefusal());
    Permissions solo =
        new Permissions(
            new Roles(null, null, people("alice"), true, null), "checkout@prod", "alice", DIRECT);
    assertNull(solo.startRefusal());
  }

  @Test
  void aLongListOfHoldersIsSummarised() {
    String[] many = IntStream.range(0, 25).mapToObj(i -> "sre-" + i).toArray(String[]::new);
    Permissions p =
        new Permissions(
            new Roles(null, people(many), null, null, null), "checkout@prod", "alice", null);
    assertEquals(
        "bob may not pause checkout@prod: that needs the operators role (held by sre-0, sre-1, sre-2, sre-3, sre-4, sre-5, sre-6,"
            + " sre-7, sre-8, sre-9 and 15 more)",
        p.controlRefusal(new ControlCommand(Action.PAUSE, "bob", null)));
    assertNull(
        p.controlRefusal(new ControlCommand(Action.APPROVE, "bob", null)),
        "approvals are the gates' business");
  }

  @Test
  void theSecondPersonIsNeitherTheFirstNorTheRequester() {
    Permissions p =
        new Permissions(
            new Roles(null, null, people("sam", "kim", "alice"), null, null),
            "checkout@prod",
            "alice",
            null);
    assertEquals(
        "sam already asked for it; a second holder of the breakGlass role must confirm",
        p.secondPersonRefusal("sam", "sam"));
    assertEquals(
        "alice requested this release and cannot be its second person",
        p.secondPersonRefusal("sam", "alice"));
    assertNull(p.secondPersonRefusal("sam", "kim"));
  }
}
