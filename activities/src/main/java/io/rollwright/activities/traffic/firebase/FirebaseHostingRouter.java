package io.rollwright.activities.traffic.firebase;

import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Stage;
import io.rollwright.policy.Violations;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/**
 * Stages as Firebase Hosting channels: a stage named after a preview channel deploys the version to
 * that channel (created if needed, its expiry renewed), 100% releases it to the live channel. The
 * stage's weight is kept in the channel's {@code rollwright-weight} label (per ten thousand), so
 * the weight read back is Firebase's. Removing the routes points the preview channels that serve
 * the version back at the live version; withdrawing it from live releases the version live before
 * it.
 */
final class FirebaseHostingRouter implements TrafficRouter {
  static final String WEIGHT_LABEL = "rollwright-weight";

  private final FirebaseHostingApi api;
  private final FirebaseSites sites;

  FirebaseHostingRouter(FirebaseHostingApi api, FirebaseSites sites) {
    this.api = api;
    this.sites = sites;
  }

  @Override
  public double setWeight(TrafficTarget t, double weight) {
    String site = sites.site(t);
    String version = sites.versionName(t);
    if (weight >= 100) {
      if (!version.equals(served(site, FirebaseSites.LIVE))) {
        api.release(site, FirebaseSites.LIVE, version, "DEPLOY", message(t, "releases"));
      }
      return 100;
    }
    String channel = sites.channel(t);
    if (channel == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          notAChannel(t.stage()), "FirebaseStageNotAChannel");
    }
    Map<String, String> labels = Map.of(WEIGHT_LABEL, Long.toString(Math.round(weight * 100)));
    FirebaseHostingApi.Channel now = api.channel(site, channel);
    if (now == null) {
      api.createChannel(site, channel, sites.channelTtl(), labels);
    } else {
      api.updateChannel(site, channel, sites.channelTtl(), labels);
    }
    if (now == null || !version.equals(now.versionName())) {
      api.release(site, channel, version, "DEPLOY", message(t, "previews"));
    }
    return weight;
  }

  @Override
  public double verifyWeight(TrafficTarget t) {
    String site = sites.site(t);
    String version = sites.versionName(t);
    if (version.equals(served(site, FirebaseSites.LIVE))) {
      return 100;
    }
    String channel = sites.channel(t);
    FirebaseHostingApi.Channel c = channel == null ? null : api.channel(site, channel);
    if (c == null || !version.equals(c.versionName())) {
      return 0;
    }
    String perTenThousand = c.labels().get(WEIGHT_LABEL);
    return perTenThousand == null || !perTenThousand.matches("[0-9]{1,5}")
        ? 0
        : Integer.parseInt(perTenThousand) / 100.0;
  }

  /**
   * Points each preview channel that serves the version back at the live version, unless the
   * version is live (promoted: the channels serve what everyone gets).
   */
  @Override
  public void removeManagedRoutes(TrafficTarget t) {
    String site = sites.site(t);
    String version = sites.versionName(t);
    String live = served(site, FirebaseSites.LIVE);
    if (live == null || live.equals(version)) {
      return;
    }
    for (String channel : sites.channels()) {
      FirebaseHostingApi.Channel c = api.channel(site, channel);
      if (c != null && version.equals(c.versionName())) {
        api.release(site, channel, live, "ROLLBACK", message(t, "takes back"));
      }
    }
  }

  /** Releases the version live before this one if this one is live, then removes the routes. */
  void withdraw(TrafficTarget t) {
    String site = sites.site(t);
    String version = sites.versionName(t);
    List<FirebaseHostingApi.Release> history = api.releases(site, FirebaseSites.LIVE);
    if (!history.isEmpty() && version.equals(history.get(0).versionName())) {
      String previous =
          history.stream()
              .map(FirebaseHostingApi.Release::versionName)
              .filter(v -> v != null && !v.equals(version))
              .findFirst()
              .orElseThrow(
                  () ->
                      ApplicationFailure.newNonRetryableFailure(
                          "firebase-hosting: no version of site "
                              + site
                              + " was live before "
                              + version
                              + " in its last releases: release one with firebase"
                              + " hosting:rollback or firebase deploy",
                          "FirebaseNothingToRollBackTo"));
      api.release(site, FirebaseSites.LIVE, previous, "ROLLBACK", message(t, "takes back"));
    }
    removeManagedRoutes(t);
  }

  /** Every stage below 100% must name a preview channel: Hosting cannot split live traffic. */
  @Override
  public void checkSettings(String field, ReleasePolicy policy, Violations v) {
    List<Stage> stages = policy.stages() == null ? List.of() : policy.stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      if (s != null
          && (s.weight() == null || s.weight() < 100)
          && (s.name() == null || !sites.channels().contains(s.name()))) {
        v.add(field + ".stages[" + i + "].name", notAChannel(s.name()));
      }
    }
  }

  private String notAChannel(String stage) {
    return "the firebase-hosting router deploys each stage to the preview channel it is named"
        + " after ("
        + String.join(", ", sites.channels())
        + "), and Firebase Hosting cannot send a share of live traffic: stage "
        + (stage == null ? "without a name" : "'" + stage + "'")
        + " names no channel";
  }

  /** The version channel {@code channel} of {@code site} serves, or null. */
  private String served(String site, String channel) {
    FirebaseHostingApi.Channel c = api.channel(site, channel);
    return c == null ? null : c.versionName();
  }

  private static String message(TrafficTarget t, String verb) {
    return "rollwright: " + t.releaseId() + " " + verb + " " + t.version();
  }
}
