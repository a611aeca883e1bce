package io.rollwright.service.api;

import io.rollwright.api.ControlAnswer;
import io.rollwright.api.ControlLimits;
import io.rollwright.api.KillSwitch;
import io.rollwright.api.KillSwitchFlip;
import io.rollwright.client.KillSwitches;
import io.rollwright.service.api.ReleasesController.ControlBody;
import io.rollwright.service.api.ReleasesController.ControlJson;
import io.temporal.client.WorkflowClient;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The kill switches over REST: the global one at {@code /kill-switches/global}, a service's in an
 * environment at {@code /kill-switches/{service}/{env}}; {@code POST .../on} and {@code .../off}
 * with a reason flip it as the authenticated caller, who needs the operators role (or breakGlass).
 */
@RestController
public class KillSwitchController {
  private final KillSwitches switches;

  public KillSwitchController(WorkflowClient client) {
    this.switches = new KillSwitches(client);
  }

  /** The global switch: on or off, and its last flips. */
  @GetMapping("/kill-switches/global")
  public KillSwitch global() {
    return switches.state(KillSwitchFlip.GLOBAL);
  }

  /** The switch of {@code service} in {@code env}. */
  @GetMapping("/kill-switches/{service}/{env}")
  public KillSwitch of(@PathVariable("service") String service, @PathVariable("env") String env) {
    return switches.state(KillSwitches.scope(service, env));
  }

  /** Turns the global switch on or off ({@code flip}), with the body's reason. */
  @PostMapping("/kill-switches/global/{flip}")
  public ControlAnswer flipGlobal(
      @PathVariable("flip") String flip,
      @ControlJson @RequestBody(required = false) String body,
      @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    return flip(KillSwitchFlip.GLOBAL, flip, body, caller);
  }

  /** Turns the switch of {@code service} in {@code env} on or off, with the body's reason. */
  @PostMapping("/kill-switches/{service}/{env}/{flip}")
  public ControlAnswer flipOne(
      @PathVariable("service") String service,
      @PathVariable("env") String env,
      @PathVariable("flip") String flip,
      @ControlJson @RequestBody(required = false) String body,
      @RequestAttribute(ApiCaller.IDENTITY) String caller) {
    return flip(KillSwitches.scope(service, env), flip, body, caller);
  }

  private ControlAnswer flip(String scope, String flip, String body, String caller) {
    if (!flip.equals("on") && !flip.equals("off")) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "a kill switch is turned 'on' or 'off', not '" + ControlLimits.clip(flip, 40) + "'");
    }
    ControlBody parsed = ControlBody.parse(body);
    String reason = parsed == null ? null : parsed.reason();
    if (parsed != null && (parsed.full() != null || parsed.gate() != null)) {
      throw new IllegalArgumentException(
          (parsed.full() != null ? "full" : "gate") + ": a kill switch takes only a reason");
    }
    ControlAnswer answer = switches.flip(scope, flip.equals("on"), caller, reason);
    if (!answer.accepted()) {
      throw new ControlRefusedException(answer.message(), answer.forbidden());
    }
    return answer;
  }
}
