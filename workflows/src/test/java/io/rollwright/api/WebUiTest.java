package io.rollwright.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebUiTest {
  @Test
  void aReleaseLinkEscapesEveryPathSegment() {
    assertEquals(
        "http://ui:8233/namespaces/default/workflows/checkout%40prod/run-1/history",
        WebUi.link("http://ui:8233/", "default", "checkout@prod", "run-1"));
    assertEquals("a%2Fb%20c%C3%A9~._-", WebUi.segment("a/b cé~._-"));
  }
}
