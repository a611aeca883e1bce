package io.rollwright.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiCallerTest {
  private static final ApiCaller TOKENS =
      new ApiCaller(
          new ApiProperties(Map.of("ci-bot", "tok-ci", "alice", "tok-alice"), null, null));
  private static final ApiCaller PROXIED =
      new ApiCaller(new ApiProperties(Map.of("ci-bot", "tok-ci"), "X-Client-Identity", null));

  @Test
  void aBearerTokenNamesItsCaller() {
    assertEquals(Optional.of("alice"), TOKENS.identify("Bearer tok-alice", null));
    assertEquals(Optional.of("ci-bot"), TOKENS.identify("bearer  tok-ci ", null));
  }

  @Test
  void anUnknownTokenOrNoneIsNobody() {
    assertEquals(Optional.empty(), TOKENS.identify("Bearer tok-mallory", null));
    assertEquals(Optional.empty(), TOKENS.identify("Bearer tok-ci-and-more", null));
    assertEquals(Optional.empty(), TOKENS.identify("Basic dG9rLWNp", null));
    assertEquals(Optional.empty(), TOKENS.identify(null, null));
  }

  @Test
  void theProxysIdentityHeaderCountsOnlyWhereConfiguredAndNeverOverridesABadToken() {
    assertEquals(Optional.of("CN=deploy-bot"), PROXIED.identify(null, " CN=deploy-bot "));
    assertEquals(Optional.empty(), PROXIED.identify("Bearer wrong", "CN=deploy-bot"));
    assertEquals(Optional.of("ci-bot"), PROXIED.identify("Bearer tok-ci", "CN=deploy-bot"));
  }

  @Test
  void noCallerActsUnderANameTrainsActUnder() {
    ApiCaller train =
        new ApiCaller(
            new ApiProperties(Map.of("train:q4@prod", "tok-t"), "X-Client-Identity", null));
    assertEquals(Optional.empty(), train.identify("Bearer tok-t", null));
    assertEquals(Optional.empty(), PROXIED.identify(null, "train:q4@prod"));
  }

  @Test
  void aBlankTokenInTheSettingsNeverMatches() {
    ApiCaller blank = new ApiCaller(new ApiProperties(Map.of("nobody", ""), null, null));
    assertEquals(Optional.empty(), blank.identify("Bearer ", null));
  }
}
