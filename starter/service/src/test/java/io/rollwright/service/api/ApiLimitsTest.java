package io.rollwright.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollwright.ledger.ReleaseLedger;
import io.rollwright.policy.Limits;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The REST API's limits, refused before Temporal is asked anything (the client points at a port
 * nothing listens on): 413 for a body over the limit before it is parsed, and 400 naming the field
 * for unknown fields, wrong JSON types, NaN, and values over a limit.
 */
class ApiLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiProperties SETTINGS =
      new ApiProperties(Map.of("ci-bot", "tok-ci"), null, null);
  private static WorkflowServiceStubs nowhere;
  private static MockMvc api;

  @BeforeAll
  static void api() {
    nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:9").build());
    api =
        MockMvcBuilders.standaloneSetup(
                new ReleasesController(
                    WorkflowClient.newInstance(nowhere),
                    SETTINGS,
                    new StaticListableBeanFactory().getBeanProvider(ReleaseLedger.class)))
            .setControllerAdvice(new ApiProblems())
            .addFilter(new BodyLimit(Limits.BODY_BYTES), "/releases", "/releases/*")
            .addFilter(new ApiCaller(SETTINGS), "/releases", "/releases/*")
            .build();
  }

  @AfterAll
  static void close() {
    nowhere.shutdownNow();
  }

  private record Reply(int status, JsonNode body) {
    String fields() {
      return body.path("errors").findValuesAsText("field").toString();
    }
  }

  private static Reply send(String path, String body) throws Exception {
    MockHttpServletResponse r =
        api.perform(
                post(path)
                    .header("Authorization", "Bearer tok-ci")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andReturn()
            .getResponse();
    return new Reply(r.getStatus(), JSON.readTree(r.getContentAsString()));
  }

  @Test
  void aControlNoActionNamesIsNotFoundAndTheAnswerListsTheControls() throws Exception {
    Reply r = send("/releases/checkout@prod/frobnicate", "{}");
    assertEquals(404, r.status());
    assertEquals(
        "no control is named 'frobnicate' (one of approve, reject, pause, resume, abort, promote)",
        r.body().path("detail").asText());
  }

  private static String request(String edit) {
    return """
        {"service":"checkout","version":"2.3.0","image":"registry.example/checkout:2.3.0","environment":"prod",
         "inlinePolicy":{"analysis":{"inconclusiveAfter":3},"stages":[{"weight":10,"soak":"30m"}]}%s}"""
        .formatted(edit);
  }

  @Test
  void aBodyOverTheLimitIs413BeforeItIsParsed() throws Exception {
    String big =
        "{" + "x".repeat(Limits.BODY_BYTES); // not even JSON: had it been parsed, it would be a 400
    Reply reply = send("/releases", big);
    assertEquals(413, reply.status(), reply.body().toString());
    assertEquals(
        "body: " + (Limits.BODY_BYTES + 1) + " bytes, at most 65536",
        reply.body().path("detail").asText());
    assertEquals(413, send("/releases/checkout@prod/abort", big).status());
  }

  @Test
  void aStreamedBodyIsCutAtTheLimit() {
    MockHttpServletRequest chunked =
        new MockHttpServletRequest("POST", "/releases") {
          @Override
          public long getContentLengthLong() {
            return -1;
          }
        };
    chunked.setContent(new byte[101]);
    BodyLimit.TooLarge e =
        assertThrows(
            BodyLimit.TooLarge.class,
            () ->
                new BodyLimit(100)
                    .doFilter(
                        chunked,
                        new MockHttpServletResponse(),
                        (request, response) -> request.getInputStream().readAllBytes()));
    assertEquals("body: 101 bytes or more, at most 100", e.getMessage());
  }

  @Test
  void theStartBodyIsStrictJsonNamingTheField() throws Exception {
    assertEquals("[request.colour]", send("/releases", request(",\"colour\":\"red\"")).fields());
    assertEquals(
        "[request.version]",
        send("/releases", request("").replace("\"2.3.0\"", "5")).fields(),
        "a number is not a string");
    assertEquals(
        "[request.inlinePolicy.analysis.inconclusiveAfter]",
        send(
                "/releases",
                request("").replace("\"inconclusiveAfter\":3", "\"inconclusiveAfter\":2.5"))
            .fields(),
        "a fraction is not an int");
    assertEquals(
        "[request.inlinePolicy.stages[0].weight]",
        send("/releases", request("").replace("\"weight\":10", "\"weight\":\"10\"")).fields(),
        "a string is not a number");
    Reply nan = send("/releases", request("").replace("\"weight\":10", "\"weight\":NaN"));
    assertEquals(400, nan.status());
    assertEquals("[request.inlinePolicy.stages[0].weight]", nan.fields());
    assertEquals(
        "[request.inlinePolicy.stages[0].weight]",
        send("/releases", request("").replace("\"weight\":10", "\"weight\":\"Infinity\""))
            .fields());
    assertEquals(
        "[request.changeCommittedAt]",
        send("/releases", request(",\"changeCommittedAt\":1764590000")).fields());
  }

  @Test
  void theStartRequestsLimitsNameTheField() throws Exception {
    Reply reply =
        send(
            "/releases",
            request(",\"reason\":\"two\\nlines\"").replace("\"checkout\"", "\"Checkout\""));
    assertEquals(400, reply.status());
    assertEquals("[service, reason]", reply.fields());
    assertTrue(
        reply
            .body()
            .path("detail")
            .asText()
            .contains("service: 'Checkout' is not a DNS-1123 label"),
        reply.body().toString());

    String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
    Reply future = send("/releases", request(",\"changeCommittedAt\":\"" + tomorrow + "\""));
    assertEquals("[changeCommittedAt]", future.fields());
    assertTrue(
        future.body().path("detail").asText().contains(tomorrow + " is in the future"),
        future.body().toString());
  }

  @Test
  void aControlBodyIsStrictAndWithinTheLimits() throws Exception {
    assertEquals(
        "[control.colour]", send("/releases/checkout@prod/pause", "{\"colour\":1}").fields());
    assertEquals(
        "[control.reason]", send("/releases/checkout@prod/abort", "{\"reason\":5}").fields());
    assertEquals(
        "[control.full]", send("/releases/checkout@prod/promote", "{\"full\":\"yes\"}").fields());
    Reply multiLine = send("/releases/checkout@prod/reject", "{\"reason\":\"no\\u001b[2J\"}");
    assertEquals(400, multiLine.status());
    assertEquals("[reason]", multiLine.fields());
    Reply tooLong =
        send("/releases/checkout@prod/abort", "{\"reason\":\"" + "r".repeat(2001) + "\"}");
    assertTrue(
        tooLong.body().path("detail").asText().contains("reason: 2001 characters, at most 2000"),
        tooLong.body().toString());
  }
}
