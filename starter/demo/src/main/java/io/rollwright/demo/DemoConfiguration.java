package io.rollwright.demo;

import io.rollwright.activities.metrics.Track;
import io.rollwright.activities.sandbox.Sandbox;
import io.rollwright.api.ApprovalDecision;
import io.rollwright.api.ReleaseIds;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.rollwright.api.ReleaseStatus;
import io.rollwright.api.ReleaseWorkflow;
import io.rollwright.client.ReleaseWatcher;
import io.rollwright.policy.Strategy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Profiles;

/**
 * The demo: on the embedded Temporal service, run one release that passes its analysis and an
 * approval gate (approved through a real signal), and one whose canary errors breach the threshold
 * and is rolled back; or, with profile {@code platforms}, {@link PlatformsDemo}. Exits 0 when every
 * release ends as it should.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {
  static final String APPROVER = "dana";
  static final String REQUESTER = "ci-bot";

  /**
   * The embedded service runs in real time: the demo's soaks and gates are seconds long and worth
   * watching.
   */
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> realTimeEmbeddedService() {
    return builder -> builder.setUseTimeskipping(false);
  }

  /**
   * The embedded service knows no search attributes until told; a real namespace gets them from
   * {@link SearchAttributeRegistrar}.
   */
  @Bean
  SmartInitializingSingleton embeddedSearchAttributes(TestWorkflowEnvironment embedded) {
    return () -> ReleaseSearchAttributes.all().forEach(embedded::registerSearchAttribute);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void runDemo(ApplicationReadyEvent event) {
    ApplicationContext ctx = event.getApplicationContext();
    Thread demo =
        new Thread(
            () -> {
              WorkflowClient client = ctx.getBean(WorkflowClient.class);
              Sandbox sandbox = ctx.getBean(Sandbox.class);
              int code =
                  ctx.getEnvironment().acceptsProfiles(Profiles.of("platforms"))
                      ? PlatformsDemo.run(
                          client, sandbox, ctx.getBean(PlatformStandIns.class), System.out)
                      : run(client, sandbox, System.out);
              System.exit(SpringApplication.exit(ctx, () -> code));
            },
            "rollwright-demo");
    demo.start();
  }

  static int run(WorkflowClient client, Sandbox sandbox, PrintStream out) {
    sandbox.metrics().script("payments", Track.CANARY, "error-rate", "0.004, 5s: 0.182");
    ReleaseWatcher watcher = new ReleaseWatcher(client, Duration.ofMillis(200));
    return DemoEnd.of(
        out,
        () -> {
          out.println("== Release 1 of 2: a healthy canary with an approval gate ==");
          ReleaseResult first = release(client, watcher, request("checkout", "2.3.0"), out);
          out.println();
          out.println("== Release 2 of 2: a canary whose error rate rises to 18% ==");
          ReleaseResult second = release(client, watcher, request("payments", "4.1.0"), out);
          out.println();
          return new DemoEnd(
              first.outcome() == ReleaseOutcome.PROMOTED
                  && second.outcome() == ReleaseOutcome.ROLLED_BACK,
              "checkout " + first.outcome() + ", payments " + second.outcome());
        });
  }

  private static ReleaseRequest request(String service, String version) {
    return new ReleaseRequest(
        service,
        version,
        "registry.example/" + service + ":" + version,
        "demo",
        Strategy.CANARY,
        null,
        null,
        REQUESTER,
        null,
        "demo-" + service);
  }

  private static ReleaseResult release(
      WorkflowClient client, ReleaseWatcher watcher, ReleaseRequest request, PrintStream out)
      throws InterruptedException {
    ReleaseWorkflow release =
        client.newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.releaseId())
                .setTaskQueue(ReleaseIds.TASK_QUEUE)
                .build());
    WorkflowClient.start(release::run, request);
    Set<String> decided = new HashSet<>();
    return watcher.print(
        request.releaseId(), out::println, status -> approveWhenAsked(release, status, decided));
  }

  /**
   * Plays the approvers: the requester first (refused: nobody approves their own release), then an
   * allowed approver.
   */
  private static void approveWhenAsked(
      ReleaseWorkflow release, ReleaseStatus status, Set<String> decided) {
    if (status.gate() == null || !decided.add(status.gate().stage())) {
      return;
    }
    release.approve(new ApprovalDecision(REQUESTER, "looks good to me"));
    release.approve(new ApprovalDecision(APPROVER, "canary metrics are clean"));
  }
}
