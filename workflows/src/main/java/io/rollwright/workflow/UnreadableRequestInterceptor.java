package io.rollwright.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rollwright.api.ReleaseIds;
import io.rollwright.policy.InvalidReleaseException;
import io.rollwright.policy.ReleaseJson;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * Fails a release at once, non-retryable, when its start input cannot be read (a wrong enum value,
 * an unknown field, a malformed duration, not a JSON object, no input at all), instead of failing
 * its first workflow task again and again while it holds the release ID.
 *
 * <p>The SDK decodes the start input while it constructs the workflow (its {@code @WorkflowInit}
 * constructor); a {@link DataConverterException} there would only fail the workflow task. Only that
 * decoding is turned into a workflow failure: a payload that cannot be decoded later in a release
 * (an activity's result, say) still fails the task, so a fixed worker can carry the release on and
 * its rollback is never skipped. No command is issued before the failure, so nothing runs. Other
 * workflow types (a kill switch) pass through.
 */
public final class UnreadableRequestInterceptor extends WorkerInterceptorBase {
  /** What every such failure's message starts with. */
  public static final String UNREADABLE = "the release request could not be read: ";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    if (!ReleaseIds.WORKFLOW_TYPE.equals(Workflow.getInfo().getWorkflowType())) {
      return next;
    }
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
        try {
          super.init(outboundCalls);
        } catch (DataConverterException e) {
          throw ApplicationFailure.newNonRetryableFailure(
              UNREADABLE + describe(e), InvalidReleaseException.FAILURE_TYPE);
        }
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Object[] args = input.getArguments();
        if (args.length == 0 || args[0] == null) {
          throw ApplicationFailure.newNonRetryableFailure(
              UNREADABLE + "there is none (start it with a JSON object as its input)",
              InvalidReleaseException.FAILURE_TYPE);
        }
        return super.execute(input);
      }
    };
  }

  /** What was wrong, naming the field at fault when the JSON reader knows it. */
  static String describe(DataConverterException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof JsonProcessingException json) {
        return ReleaseJson.invalid(json, "request").getMessage();
      }
    }
    return cause.getMessage();
  }
}
