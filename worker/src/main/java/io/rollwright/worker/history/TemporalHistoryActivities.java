package io.rollwright.worker.history;

import io.rollwright.api.HistoryActivities;
import io.rollwright.api.PromotedRelease;
import io.rollwright.api.ReleaseQuery;
import io.rollwright.api.ReleaseRequest;
import io.rollwright.api.ReleaseSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Release history from Temporal visibility: the releases that ended promoted, newest first, and the
 * image each was released as, read from the first event of its run (a rollback that let history
 * choose was started without one: an earlier promotion of the same version says it).
 */
public final class TemporalHistoryActivities implements HistoryActivities {
  private final WorkflowClient client;

  public TemporalHistoryActivities(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<PromotedRelease> promoted(String service, String environment) {
    List<WorkflowExecutionMetadata> runs;
    try (Stream<WorkflowExecutionMetadata> listed =
        client.listExecutions(ReleaseQuery.promoted(service, environment))) {
      runs =
          listed
              .filter(w -> w.getCloseTime() != null)
              .sorted(Comparator.comparing(WorkflowExecutionMetadata::getCloseTime).reversed())
              .toList();
    }
    Map<String, PromotedRelease> byVersion = new LinkedHashMap<>();
    for (WorkflowExecutionMetadata run : runs) {
      if (byVersion.size() == MAX_VERSIONS) {
        break;
      }
      String version = version(run);
      PromotedRelease known = byVersion.get(version);
      if (version == null || (known != null && known.image() != null)) {
        continue;
      }
      String image = image(run.getExecution());
      byVersion.put(
          version,
          known != null
              ? new PromotedRelease(
                  version, image, known.workflowId(), known.runId(), known.promotedAtMillis())
              : new PromotedRelease(
                  version,
                  image,
                  run.getExecution().getWorkflowId(),
                  run.getExecution().getRunId(),
                  run.getCloseTime().toEpochMilli()));
    }
    return byVersion.values().stream().filter(p -> p.image() != null).toList();
  }

  private static String version(WorkflowExecutionMetadata run) {
    var attributes = run.getTypedSearchAttributes();
    return attributes.containsKey(ReleaseSearchAttributes.VERSION)
        ? attributes.get(ReleaseSearchAttributes.VERSION)
        : null;
  }

  /** The image the run's request names, or null when it left the choice to history. */
  private String image(WorkflowExecution run) {
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(run)
                    .setMaximumPageSize(1)
                    .build())
            .getHistory()
            .getEvents(0);
    ReleaseRequest request =
        client
            .getOptions()
            .getDataConverter()
            .fromPayloads(
                0,
                Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()),
                ReleaseRequest.class,
                ReleaseRequest.class);
    return request == null ? null : request.image();
  }
}
