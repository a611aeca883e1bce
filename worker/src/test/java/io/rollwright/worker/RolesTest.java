package io.rollwright.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.AuditEntry;
import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlCommand;
import io.rollwright.api.ControlCommand.Action;
import io.rollwright.api.Phase;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseControls;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roles, on the time-skipping test service. {@code vault}'s own policy names its requesters (alice,
 * ci-bot), operators (group oncall) and break-glass holders (alice, dave, group oncall), with a
 * second person required; {@code checkout} has no policy of its own, so nobody may break glass.
 */
class RolesTest extends TimeSkippingReleaseTest {
  private ReleaseWorkflow release;

  private static ReleaseRequest vault(
      String requester, String policy, Strategy strategy, String reason) {
    return new ReleaseRequest(
        "vault",
        "2.3.0",
        "registry.example/vault:2.3.0",
        "prod",
        strategy,
        policy,
        null,
        requester,
        reason,
        "abc123");
  }

  private ControlAnswer send(Action action, String actor, String reason) {
    return new ReleaseControls(h.client, Duration.ofSeconds(30))
        .send(release.status().releaseId(), new ControlCommand(action, actor, reason));
  }

  private List<String> audit(String action) {
    return release.status().audit().stream()
        .filter(e -> e.action().equals(action))
        .map(AuditEntry::actor)
        .toList();
  }

  private String refusedStart(ReleaseRequest request) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> h.run(request));
    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("InvalidRelease", cause.getType());
    assertEquals(List.of(), h.actions(request.service()), "a refused start touches no traffic");
    return cause.getOriginalMessage();
  }

  @Test
  void onlyRequestersStart() {
    assertEquals(
        "mallory may not start a release of vault@prod: that needs the requesters role (held by alice, ci-bot)",
        refusedStart(vault("mallory", null, Strategy.CANARY, null)));
  }

  @Test
  void breakGlassStartsNeedTheRole() {
    assertEquals(
        "ci-bot may not start a direct release (skipping stages and analysis) of vault@prod: that needs the breakGlass role"
            + " (held by alice, dave, oncall-sam, oncall-kim)",
        refusedStart(vault("ci-bot", null, Strategy.DIRECT, "hotfix")));
    assertTrue(
        refusedStart(vault("ci-bot", "quick", Strategy.CANARY, null))
            .startsWith(
                "ci-bot may not start an override: policy quick (classpath:rollwright/presets/quick.yaml) instead of the service's own"));
  }

  @Test
  void withoutDeclaredRolesNobodyBreaksGlass() {
    ReleaseRequest direct =
        ReleaseHarness.request("checkout", "gated").withStrategy(Strategy.DIRECT, "hotfix");
    assertTrue(
        refusedStart(direct)
            .endsWith(
                "that needs the breakGlass role, and nobody holds it: name its holders in roles.breakGlass of the service's policy"));

    release = h.start(ReleaseHarness.request("checkout", "gated"));
    h.waitFor(Duration.ofMinutes(2));
    ControlAnswer full = send(Action.PROMOTE_FULL, "oncall-sam", "incident");
    assertFalse(full.accepted());
    assertTrue(
        full.message().startsWith("oncall-sam may not promote checkout@prod in full"),
        full.message());
    assertTrue(
        send(Action.PAUSE, "anyone", "operators are not declared, so anyone operates").accepted());
  }

  @Test
  void anOverrideRunsOnlyOnceASecondHolderConfirms() {
    release = h.start(vault("alice", "gated", Strategy.CANARY, null));
    h.waitFor(Duration.ofMinutes(1));
    assertEquals(Phase.AWAITING_APPROVAL, release.status().phase());
    assertEquals("break-glass", release.status().gate().stage());
    assertEquals(
        "break-glass",
        release.status().stage(),
        "what Slack's buttons bind to, so they cannot approve a later gate");
    assertEquals(List.of(), h.actions("vault"), "nothing is deployed before the confirmation");

    ControlAnswer self = send(Action.APPROVE, "alice", "me");
    assertFalse(self.accepted());
    assertEquals("alice requested this release and cannot approve it", self.message());
    assertFalse(send(Action.APPROVE, "bob", "not a holder").accepted());
    assertTrue(send(Action.APPROVE, "dave", "seen the incident").accepted());
    h.waitFor(Duration.ofMinutes(2));

    assertEquals(Phase.SOAKING, release.status().phase());
    assertEquals(List.of(10.0), h.weights("vault"));
    assertEquals(List.of("alice"), audit("asked to break glass"));
    assertEquals(List.of("dave"), audit("approved"));
    ControlAnswer stale =
        new ReleaseControls(h.client, Duration.ofSeconds(30))
            .send(
                "vault@prod",
                new ControlCommand(Action.APPROVE, "oncall-kim", "old button", "break-glass"));
    assertEquals("the gate of stage break-glass is closed", stale.message());
  }

  @Test
  void anUnconfirmedDirectReleaseIsBlockedWithNothingDeployed() {
    release = h.start(vault("alice", null, Strategy.DIRECT, "CVE fix"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.BLOCKED, result.outcome());
    assertEquals(
        "a direct release (skipping stages and analysis) was not confirmed by a second holder of the breakGlass role within 30m",
        result.detail());
    assertEquals(List.of(), h.actions("vault"));
  }

  @Test
  void aRejectedDirectReleaseIsBlockedAndSaysByWhom() {
    release = h.start(vault("alice", null, Strategy.DIRECT, "CVE fix"));
    h.waitFor(Duration.ofMinutes(1));
    release.reject(new ApprovalDecision("oncall-kim", "use the canary, it is not urgent"));
    ReleaseResult result = h.result(release);

    assertEquals(ReleaseOutcome.BLOCKED, result.outcome());
    assertTrue(
        result
            .detail()
            .endsWith(
                "was not confirmed: rejected by oncall-kim: use the canary, it is not urgent"),
        result.detail());
    assertEquals(List.of(), h.actions("vault"));
  }

  @Test
  void aConfirmedDirectReleasePromotes() {
    release = h.start(vault("alice", null, Strategy.DIRECT, "CVE fix"));
    h.waitFor(Duration.ofMinutes(1));
    release.approve(new ApprovalDecision("oncall-sam", "confirmed"));

    assertEquals(ReleaseOutcome.PROMOTED, h.result(release).outcome());
    assertEquals(
        List.of("promote-stable 2.3.0", "route-all-to-stable", "scale-canary-to-zero"),
        h.actions("vault"));
  }

  @Test
  void operatorsOperateAndFullPromotionTakesTwo() {
    release = h.start(vault("ci-bot", null, Strategy.CANARY, null));
    h.waitFor(Duration.ofMinutes(2));

    ControlAnswer bob = send(Action.ABORT, "bob", "I do not like it");
    assertFalse(bob.accepted());
    assertEquals(
        "bob may not abort vault@prod: that needs the operators role (held by oncall-sam, oncall-kim)",
        bob.message());
    assertTrue(send(Action.PAUSE, "oncall-sam", "looking").accepted());
    assertTrue(send(Action.RESUME, "oncall-sam", "fine").accepted());

    assertTrue(send(Action.PROMOTE_FULL, "oncall-sam", "incident fix").accepted());
    h.waitFor(Duration.ofMinutes(1));
    assertEquals(
        List.of(10.0), h.weights("vault"), "one person's full promotion is only a request");
    assertEquals(
        "oncall-sam already asked for it; a second holder of the breakGlass role must confirm",
        send(Action.PROMOTE_FULL, "oncall-sam", "again").message());
    assertEquals(
        "ci-bot may not promote vault@prod in full: that needs the breakGlass role (held by alice, dave, oncall-sam, oncall-kim)",
        send(Action.PROMOTE_FULL, "ci-bot", "me too").message());
    assertTrue(send(Action.PROMOTE_FULL, "oncall-kim", "agreed").accepted());

    ReleaseResult result = h.result(release);
    assertEquals(ReleaseOutcome.PROMOTED, result.outcome());
    assertEquals(
        "promoted in full by oncall-sam (confirmed by oncall-kim): incident fix", result.detail());
    assertEquals(List.of(10.0, 100.0, 0.0), h.weights("vault"));
    assertEquals(List.of("oncall-sam"), audit("asked to promote in full"));
    assertEquals(List.of("oncall-kim"), audit("promoted in full (skipping remaining stages)"));
  }

  @Test
  void theRequesterCannotBeTheSecondPerson() {
    release = h.start(vault("alice", null, Strategy.CANARY, null));
    h.waitFor(Duration.ofMinutes(2));
    assertTrue(send(Action.PROMOTE_FULL, "dave", "ship it").accepted());
    ControlAnswer alice = send(Action.PROMOTE_FULL, "alice", "yes");
    assertFalse(alice.accepted());
    assertEquals("alice requested this release and cannot be its second person", alice.message());
    assertEquals(List.of(10.0), h.weights("vault"));
  }
}
