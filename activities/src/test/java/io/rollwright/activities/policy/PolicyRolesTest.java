package io.rollwright.activities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.PolicyValidator;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Role;
import io.rollwright.policy.Roles;
import io.rollwright.policy.Strategy;
import io.rollwright.policy.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a release's roles come from: the service's own policy (else the default), whatever policy
 * runs.
 */
class PolicyRolesTest {
  private static final PolicyValidator VALIDATOR =
      new PolicyValidator(
          PolicyValidator.Known.names(
              Set.of("sandbox"),
              Set.of("sandbox"),
              Set.of(
                  "kill-switch",
                  "quality-gate",
                  "telemetry-health",
                  "dependencies",
                  "change-freeze")));

  @TempDir Path dir;

  @BeforeEach
  void checkoutDeclaresRoles() throws IOException {
    write(
        "checkout",
        "extends: standard",
        "groups:",
        "  sre: [sam, kim]",
        "roles:",
        "  operators:",
        "    groups: [sre]",
        "  breakGlass:",
        "    people: [carol]",
        "    groups: [sre]");
  }

  @Test
  void theServicesOwnPolicyIsNoOverrideAndItsGroupsBecomePeople() {
    ResolvedRelease r = resolve(request("checkout", null, null));
    assertNull(r.override());
    assertEquals(List.of("sam", "kim"), r.policy().roles().operators().people());
    assertEquals(List.of("carol", "sam", "kim"), r.policy().roles().breakGlass().people());
    assertNull(r.policy().roles().requesters(), "a role left out stays open");
  }

  @Test
  void aPresetOrAnInlinePolicyIsAnOverrideAndCannotChangeWhoHoldsARole() {
    ResolvedRelease named = resolve(request("checkout", "quick", null));
    assertEquals(
        "policy quick (classpath:rollwright/presets/quick.yaml) instead of the service's own ("
            + dir.resolve("checkout.yaml")
            + ")",
        named.override());

    Roles lenient =
        new Roles(
            null,
            new Role(List.of("mallory"), List.of()),
            new Role(List.of("mallory"), List.of("sre")),
            true,
            null);
    ReleasePolicy inline =
        new ReleasePolicy(
            null,
            null,
            "quick",
            null,
            null,
            null,
            null,
            null,
            Map.of("sre", List.of("mallory")),
            lenient,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ResolvedRelease r = resolve(request("checkout", null, inline));
    assertEquals(
        "policy inline (inline) instead of the service's own ("
            + dir.resolve("checkout.yaml")
            + ")",
        r.override());
    assertEquals(List.of("sam", "kim"), r.policy().roles().operators().people());
    assertEquals(List.of("carol", "sam", "kim"), r.policy().roles().breakGlass().people());
    assertEquals(false, r.policy().roles().soloBreakGlass());
  }

  @Test
  void withoutRolesChoosingAPolicyIsNoOverride() {
    ResolvedRelease r =
        resolve(
            new ReleaseRequest(
                "cart",
                "1.4.2",
                "registry.local/cart:1.4.2",
                "prod",
                Strategy.CANARY,
                "quick",
                null,
                "alice",
                null,
                null));
    assertNull(r.override());
    assertEquals(Roles.UNDECLARED, r.policy().roles());
  }

  @Test
  void aServicePolicyWhoseRolesNameAnUndefinedGroupIsRefusedNamingTheFile() throws IOException {
    write("checkout", "extends: standard", "roles:", "  operators:", "    groups: [sre]");
    InvalidReleaseException e =
        assertThrows(
            InvalidReleaseException.class, () -> resolve(request("checkout", "quick", null)));
    assertEquals(
        List.of(
            new Violation(
                dir.resolve("checkout.yaml") + ": policy.roles.operators.groups[0]",
                "names group 'sre' which the policy's groups do not define")),
        e.violations());
  }

  @Test
  void theReadmesExampleResolvesWithItsRoles() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int from = readme.indexOf("# payments.yaml\n");
    Files.writeString(
        dir.resolve("payments.yaml"), readme.substring(from, readme.indexOf("```", from)));
    ResolvedRelease r =
        resolve(
            new ReleaseRequest(
                "payments",
                "1.4.2",
                "registry.local/payments:1.4.2",
                "prod",
                Strategy.CANARY,
                null,
                null,
                "ci-bot",
                null,
                null));
    assertEquals(
        List.of("sam@example.com", "kim@example.com", "alice@example.com", "bob@example.com"),
        r.policy().roles().operators().people());
    assertEquals(
        List.of("sam@example.com", "kim@example.com"), r.policy().roles().breakGlass().people());
    assertEquals(java.time.Duration.ofHours(1), r.policy().roles().confirmWithin());
  }

  private ResolvedRelease resolve(ReleaseRequest request) {
    return new PolicyActivitiesImpl(
            new PolicyRepository(List.of(new DirectoryPolicyFiles(dir))),
            VALIDATOR,
            new PolicyActivitiesImpl.Defaults("standard", "sandbox", "sandbox"))
        .resolveOrThrow(request);
  }

  private void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", lines) + "\n");
  }

  private static ReleaseRequest request(String service, String policy, ReleasePolicy inline) {
    return new ReleaseRequest(
        service,
        "1.4.2",
        "registry.local/" + service + ":1.4.2",
        "prod",
        Strategy.CANARY,
        policy,
        inline,
        "alice",
        null,
        null);
  }
}
