package io.rollwright.activities.preflight;

import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.Violations;

/**
 * Waits for an external system's yes before a stage's traffic change ({@code check: confirm} in
 * {@code stages[].before}), as Flagger's confirm-rollout webhook does: the endpoint is sent the
 * webhook payload with {@code "phase": "confirm"}; 2xx is the yes, and anything else — another
 * answer or none — is "not yet", never a failure, so the release asks again while the canary holds
 * its weight. Only before a stage: at pre-flight nothing is deployed yet to wait with, and during a
 * soak the canary's traffic is already moved.
 */
public final class ConfirmCheck implements PreflightCheck {
  private final WebhookCheck webhook;

  /** Asks through {@code webhook}'s caller and secrets. */
  public ConfirmCheck(WebhookCheck webhook) {
    this.webhook = webhook;
  }

  @Override
  public String name() {
    return PreflightSettings.CONFIRM;
  }

  @Override
  public void checkSettings(String field, PreflightSettings s, Violations v) {
    if (!field.contains(".before[")) {
      v.add(
          field + ".check",
          "'confirm' waits for a yes before a stage's traffic change: list it in a stage's"
              + " before (at pre-flight or during a soak, use webhook, whose no blocks or rolls"
              + " back the release)");
    }
    webhook.checkSettings(field, s, v);
  }

  @Override
  public PreflightResult run(ResolvedRelease release, PreflightSettings s) {
    return confirmed(webhook.runAt(release, s, "confirm", null, 0));
  }

  @Override
  public PreflightResult runBeforeStage(
      ResolvedRelease release, PreflightSettings s, String stage, double weight) {
    return confirmed(webhook.runAt(release, s, "confirm", stage, weight));
  }

  private PreflightResult confirmed(PreflightResult answer) {
    return answer.passed()
        ? new PreflightResult(name(), true, answer.detail())
        : PreflightResult.undecided(name(), "not confirmed yet: " + answer.detail());
  }
}
