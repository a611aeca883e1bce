package io.rollwright.demo;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.traffic.electron.Electron;
import io.rollwright.activities.traffic.electron.ElectronApps;
import io.rollwright.activities.traffic.firebase.FirebaseHosting;
import io.rollwright.activities.traffic.firebase.FirebaseSites;
import io.rollwright.activities.traffic.play.PlayApps;
import io.rollwright.activities.traffic.play.PlayConsole;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo's three platforms (profile {@code platforms}): the {@code firebase-hosting}, {@code
 * electron} and {@code play-console} routers, built as a worker builds them from its settings, but
 * talking to the local stand-ins of {@link PlatformStandIns}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("platforms")
public class PlatformsConfiguration {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Bean(destroyMethod = "close")
  PlatformStandIns platformStandIns() throws IOException, GeneralSecurityException {
    return new PlatformStandIns();
  }

  @Bean
  ExtensionSet webPlatform(PlatformStandIns s) throws IOException {
    return FirebaseHosting.of(
        FirebaseHosting.client(s.firebaseKey, s.firebase.rootUrl(), TIMEOUT),
        new FirebaseSites(
            Map.of("web", PlatformStandIns.SITE), List.of("alpha", "beta"), Duration.ofDays(7)));
  }

  @Bean
  ExtensionSet desktopPlatform(PlatformStandIns s) throws IOException {
    return Electron.of(
        s.github.url(),
        PlatformStandIns.GITHUB_TOKEN,
        TIMEOUT,
        new ElectronApps(Map.of("desktop", PlatformStandIns.REPOSITORY), "v"));
  }

  @Bean
  ExtensionSet mobilePlatform(PlatformStandIns s) throws IOException {
    return PlayConsole.of(
        PlayConsole.client(s.playKey, s.play.rootUrl(), TIMEOUT),
        new PlayApps(
            Map.of("mobile", PlatformStandIns.APP),
            List.of("internal", "alpha", "beta"),
            "production"));
  }
}
