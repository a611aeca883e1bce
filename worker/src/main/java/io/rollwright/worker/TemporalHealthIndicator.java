package io.rollwright.worker;

import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} reports whether the Temporal service this worker polls answers. */
@Component("temporal")
public class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowClient client;

  public TemporalHealthIndicator(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    String namespace = client.getOptions().getNamespace();
    try {
      HealthCheckResponse.ServingStatus status =
          client.getWorkflowServiceStubs().healthCheck().getStatus();
      Health.Builder health =
          status == HealthCheckResponse.ServingStatus.SERVING ? Health.up() : Health.down();
      return health.withDetail("namespace", namespace).withDetail("status", status.name()).build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("namespace", namespace)
          .withDetail("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
