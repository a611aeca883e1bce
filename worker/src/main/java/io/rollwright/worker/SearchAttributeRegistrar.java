package io.rollwright.worker;

import io.rollwright.api.ReleaseSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Registers Rollwright's custom search attributes in the worker's namespace when they are missing,
 * before the worker starts polling. Idempotent. Where the operator API is not allowed (Temporal
 * Cloud API keys, locked-down clusters) it logs the setup command instead. An embedded test server
 * is given them by whoever embeds it.
 */
@Component
@ConditionalOnProperty(
    name = "spring.temporal.test-server.enabled",
    havingValue = "false",
    matchIfMissing = true)
public class SearchAttributeRegistrar implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowClient client;

  public SearchAttributeRegistrar(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String namespace = client.getOptions().getNamespace();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      Map<String, IndexedValueType> missing = new LinkedHashMap<>(ReleaseSearchAttributes.all());
      missing.keySet().removeAll(existing.keySet());
      if (!missing.isEmpty()) {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
        log.info("registered search attributes {} in namespace {}", missing.keySet(), namespace);
      }
    } catch (RuntimeException e) {
      log.warn(
          "could not register Rollwright's search attributes in namespace {} ({}); register them once with: {}",
          namespace,
          e.getMessage(),
          setupCommand(namespace));
    } finally {
      operator.shutdown();
    }
  }

  /** The Temporal CLI command that registers every attribute. */
  static String setupCommand(String namespace) {
    StringBuilder cmd =
        new StringBuilder("temporal operator search-attribute create --namespace " + namespace);
    ReleaseSearchAttributes.all()
        .forEach(
            (name, type) ->
                cmd.append(" --name ")
                    .append(name)
                    .append(" --type ")
                    .append(type == IndexedValueType.INDEXED_VALUE_TYPE_INT ? "Int" : "Keyword"));
    return cmd.toString();
  }
}
