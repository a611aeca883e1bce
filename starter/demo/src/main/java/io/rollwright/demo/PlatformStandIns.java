package io.rollwright.demo;

import io.rollwright.standins.FirebaseHostingStandIn;
import io.rollwright.standins.GitHubStandIn;
import io.rollwright.standins.PlayConsoleStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The platforms of seed 001's release, as local stand-ins: Firebase Hosting with site {@code
 * storefront-web} live on version {@code v240}, GitHub with {@code example/desktop} on {@code
 * v2.4.0}, and the Play Console with {@code com.example.storefront} live on version code 240; each
 * has 2.5.0 built and waiting (version {@code v250}, a draft release, bundle 250).
 */
final class PlatformStandIns implements AutoCloseable {
  static final String SITE = "storefront-web";
  static final String REPOSITORY = "example/desktop";
  static final String APP = "com.example.storefront";
  static final String GITHUB_TOKEN = "ghs_demo";

  final FirebaseHostingStandIn firebase;
  final GitHubStandIn github;
  final PlayConsoleStandIn play;
  final Path firebaseKey;
  final Path playKey;
  private final Path keys;

  PlatformStandIns() throws IOException, GeneralSecurityException {
    keys = Files.createTempDirectory("rollwright-demo-keys");
    firebase = new FirebaseHostingStandIn();
    github = new GitHubStandIn(GITHUB_TOKEN);
    play = new PlayConsoleStandIn();
    firebaseKey = firebase.credentials(keys);
    playKey = play.credentials(keys);
    firebase.site(SITE, true, "v240");
    firebase.version(SITE, "v250", "FINALIZED");
    github.repository(REPOSITORY);
    github.release(REPOSITORY, "2.4.0", false, "latest.yml", "latest-mac.yml");
    github.release(REPOSITORY, "2.5.0", true, "latest.yml", "latest-mac.yml");
    play.app(APP, true, 240L, 240, 250);
  }

  /** Where each platform stands now, one line each. */
  List<String> summary() {
    return List.of(
        "web (Firebase Hosting): live serves "
            + firebase.served(SITE, "live")
            + "; preview channel alpha "
            + served("alpha")
            + ", beta "
            + served("beta"),
        "desktop (GitHub releases): latest is "
            + github.latest(REPOSITORY)
            + "; v2.5.0 is "
            + github.state(REPOSITORY, "v2.5.0"),
        "mobile (Play Console): production track " + play.track(APP, "production"));
  }

  /** What each platform was told, step by step. */
  List<String> steps() {
    return List.of(
        "web: releases to live " + firebase.releases(SITE, "live"),
        "desktop: latest.yml of v2.5.0 written "
            + github.changes().stream()
                .filter(c -> c.startsWith("upload v2.5.0 latest.yml"))
                .count()
            + " times (each stage's stagingPercentage, then none)",
        "mobile: production track, commit by commit: "
            + String.join(" → ", play.commits(APP).stream().map(c -> "{" + c + "}").toList()));
  }

  private String served(String channel) {
    String version = firebase.labels(SITE, channel) == null ? null : firebase.served(SITE, channel);
    return version == null ? "does not exist" : "serves " + version;
  }

  @Override
  public void close() throws IOException {
    firebase.close();
    github.close();
    play.close();
    try (Stream<Path> files = Files.walk(keys)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
