package io.rollwright.worker.killswitch;

import io.rollwright.activities.preflight.KillSwitches;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.api.KillSwitchWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kill switches as their workflows hold them ({@link KillSwitchWorkflow}); a switch never
 * flipped has no workflow and is off. {@code configured}, the worker's {@code
 * rollwright.kill-switch} setting, stops every release too.
 */
public final class TemporalKillSwitches implements KillSwitches {
  private final Supplier<WorkflowClient> client;
  private final boolean configured;

  /** Switches read through the client {@code client} gives when first asked. */
  public TemporalKillSwitches(Supplier<WorkflowClient> client, boolean configured) {
    this.client = client;
    this.configured = configured;
  }

  @Override
  public String engaged(String releaseId) {
    if (configured) {
      return "the kill switch of the worker's settings (rollwright.kill-switch) is on";
    }
    for (String scope : List.of(KillSwitchFlip.GLOBAL, releaseId)) {
      KillSwitch state = KillSwitchWorkflow.read(client.get(), scope);
      if (state.on()) {
        return state.last().sentence();
      }
    }
    return null;
  }
}
