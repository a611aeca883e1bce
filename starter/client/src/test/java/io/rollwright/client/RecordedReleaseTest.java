package io.rollwright.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.protobuf.Timestamp;
import io.rollwright.api.ReleaseOutcome;
import io.rollwright.api.ReleaseResult;
import io.rollwright.api.ReleaseSearchAttributes;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionConfig;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedReleaseTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
  private static final Instant STARTED = Instant.parse("2026-11-22T12:15:03Z");

  /**
   * The server's description of checkout@prod, as it holds it after the release recorded {@code
   * status} and {@code stage}.
   */
  private static WorkflowExecutionDescription described(
      WorkflowExecutionStatus run, String status, String stage, Long weight) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(ReleaseSearchAttributes.SERVICE, "checkout")
            .set(ReleaseSearchAttributes.VERSION, "2.3.0")
            .set(ReleaseSearchAttributes.ENVIRONMENT, "prod")
            .set(ReleaseSearchAttributes.REQUESTED_BY, "alice")
            .set(ReleaseSearchAttributes.STATUS, status);
    if (stage != null) {
      attributes
          .set(ReleaseSearchAttributes.STAGE, stage)
          .set(ReleaseSearchAttributes.WEIGHT, weight);
    }
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId("checkout@prod").setRunId("run-1"))
            .setStatus(run)
            .setStartTime(Timestamp.newBuilder().setSeconds(STARTED.getEpochSecond()))
            .setSearchAttributes(SearchAttributesUtil.encodeTyped(attributes.build()))
            .setMemo(
                Memo.newBuilder()
                    .putFields(
                        ReleaseHistory.CHANGE_REF, CONVERTER.toPayload("abc123").orElseThrow()));
    if (run != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      info.setCloseTime(Timestamp.newBuilder().setSeconds(STARTED.getEpochSecond() + 45));
    }
    DescribeWorkflowExecutionResponse.Builder response =
        DescribeWorkflowExecutionResponse.newBuilder()
            .setWorkflowExecutionInfo(info)
            .setExecutionConfig(
                WorkflowExecutionConfig.newBuilder()
                    .setUserMetadata(
                        UserMetadata.newBuilder()
                            .setSummary(
                                CONVERTER
                                    .toPayload("checkout 2.3.0 → prod, canary")
                                    .orElseThrow())));
    if (run == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      response.addPendingActivities(
          PendingActivityInfo.newBuilder()
              .setActivityType(ActivityType.newBuilder().setName("Soak"))
              .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED)
              .setAttempt(2)
              .setLastFailure(Failure.newBuilder().setMessage("activity Heartbeat timeout")));
    }
    return new WorkflowExecutionDescription(response.build(), CONVERTER);
  }

  @Test
  void aRunningReleaseIsWhereItsSearchAttributesSayAndSaysItIsNotLive() {
    RecordedRelease r =
        RecordedRelease.of(
            described(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                "SOAKING",
                "canary-10",
                10L),
            null,
            Duration.ofSeconds(5));

    assertEquals(
        new RecordedRelease(
            "checkout@prod",
            "run-1",
            "checkout",
            "2.3.0",
            "prod",
            "alice",
            "SOAKING",
            "canary-10",
            10L,
            "checkout 2.3.0 → prod, canary",
            "abc123",
            "RUNNING",
            STARTED,
            null,
            List.of("activity Soak scheduled, attempt 2, last failure: activity Heartbeat timeout"),
            null,
            "no worker answered within 5s; this is what the server last recorded"),
        r);
    assertEquals("SOAKING · stage canary-10 · canary 10%", r.where());
  }

  @Test
  void aCompletedReleaseShowsItsOutcomeFromItsResult() {
    ReleaseResult promoted =
        new ReleaseResult(
            "checkout@prod", ReleaseOutcome.PROMOTED, null, "all stages passed", 45_000);
    RecordedRelease r =
        RecordedRelease.of(
            described(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
                "PROMOTED",
                "canary-50",
                100L),
            promoted,
            Duration.ofSeconds(3));

    assertEquals("PROMOTED", r.status());
    assertEquals(promoted, r.result());
    assertEquals(STARTED.plusSeconds(45), r.closedAt());
    assertEquals(List.of(), r.pending());
    assertEquals("PROMOTED · stage canary-50 · canary 100% · run COMPLETED", r.where());
  }

  @Test
  void aReleaseNoWorkerHasRunYetIsStarting() {
    RecordedRelease r =
        RecordedRelease.of(
            described(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "STARTING", null, null),
            null,
            Duration.ofSeconds(5));

    assertEquals("STARTING", r.where());
    assertNull(r.weight());
  }

  @Test
  void itsJsonSaysItIsNotLive() throws Exception {
    RecordedRelease r =
        RecordedRelease.of(
            described(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                "SOAKING",
                "canary-10",
                10L),
            null,
            Duration.ofSeconds(5));
    JsonNode json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .readTree(
                new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(r));

    assertFalse(json.path("live").asBoolean(true), json.toString());
    assertEquals("SOAKING", json.path("status").asText());
    assertEquals("canary-10", json.path("stage").asText());
    assertEquals(10, json.path("weight").asInt());
  }
}
