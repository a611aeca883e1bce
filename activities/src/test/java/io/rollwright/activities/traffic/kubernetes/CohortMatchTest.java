package io.rollwright.activities.traffic.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CohortMatchTest {
  @Test
  void theDefaultIsTheXCohortHeaderAndACookieDefaultsToRollwrightCohort() {
    assertEquals(CohortMatch.DEFAULT, CohortMatch.of(null, null));
    assertEquals("header x-cohort", CohortMatch.of("Header", " ").describe());
    assertEquals("cookie rollwright_cohort", CohortMatch.of("cookie", null).describe());
  }

  @Test
  void aCookiePatternMatchesTheCohortsValueWhereverTheCookieSits() {
    Pattern p = Pattern.compile(CohortMatch.of("cookie", "team").pattern(List.of("beta", "a.b")));
    assertTrue(p.matcher("team=beta").find());
    assertTrue(p.matcher("session=x; team=a.b; theme=dark").find());
    assertFalse(p.matcher("team=axb").find(), "a dot in a cohort is literal");
    assertFalse(p.matcher("myteam=beta").find(), "another cookie ending in the name");
    assertFalse(p.matcher("team=betamax").find(), "a value that only starts with the cohort");
    assertFalse(p.matcher("theme=beta").find());
  }

  @Test
  void aCookieValueReadsBackAsItsCohortAndAnythingElseAsNone() {
    CohortMatch m = CohortMatch.of("cookie", "team");
    assertEquals("pilot.eu", m.cohortOf(m.value("pilot.eu")));
    assertNull(m.cohortOf("(^|;\\s*)other=(beta)(;|$)"));
    assertEquals("beta", CohortMatch.DEFAULT.cohortOf(CohortMatch.DEFAULT.value("beta")));
  }

  @Test
  void badSettingsAreRefusedByName() {
    assertEquals(
        "'query' is neither header nor cookie",
        assertThrows(IllegalArgumentException.class, () -> CohortMatch.of("query", "x"))
            .getMessage());
    assertEquals(
        "'x cohort' is not a header name (1 to 64 letters, digits and !#$%&'*+.^_`|~-)",
        assertThrows(IllegalArgumentException.class, () -> CohortMatch.of("header", "x cohort"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> CohortMatch.of("cookie", "a=b"));
    assertThrows(IllegalArgumentException.class, () -> CohortMatch.of("header", "a".repeat(65)));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CohortMatch.of("header", "Cookie"))
            .getMessage()
            .contains("cookie matching"));
  }
}
