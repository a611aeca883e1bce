package io.rollwright.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the code's structure, checked against the compiled classes of every module (not
 * their tests): packages without cycles, a workflow module without Spring, I/O or clocks, the
 * sandbox reached only from the demo, and front doors that share the client rather than each other.
 */
class ArchitectureTest {
  private static final List<String> MODULES =
      List.of(
          "workflows",
          "activities",
          "activities/ledger",
          "worker",
          "starter/client",
          "starter/cli",
          "starter/service",
          "starter/standins",
          "starter/demo");
  private static final String[] WORKFLOWS = {
    "io.rollwright.api..",
    "io.rollwright.policy..",
    "io.rollwright.analysis..",
    "io.rollwright.workflow..",
    "io.rollwright.text.."
  };
  private static JavaClasses classes;

  @BeforeAll
  static void importEveryModule() {
    Path[] dirs =
        MODULES.stream()
            .map(m -> Repo.root().resolve(m).resolve("target/classes"))
            .toArray(Path[]::new);
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException(
            dir + " is missing: these rules run after every module is compiled (./mvnw verify)");
      }
    }
    classes = new ClassFileImporter().importPaths(dirs);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.rollwright.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theWorkflowModuleHasNoSpringNoIoAndNoClock() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(WORKFLOWS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.springframework..",
                "java.nio.file..",
                "java.net..",
                "io.fabric8..",
                "com.slack..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Clock")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .because(
                "workflow code is replayed: its time is Workflow.currentTimeMillis(), its I/O is activities");
    rule.check(classes);
  }

  @Test
  void onlyTheDemoReachesTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..sandbox..", "io.rollwright.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..sandbox..")
        .because(
            "what an install does by default is what production gets: the sandbox lives in the demo only")
        .check(classes);
  }

  @Test
  void onlyTheDemoReachesTheStandIns() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.rollwright.standins..", "io.rollwright.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.rollwright.standins..")
        .because("the stand-ins of unreachable platforms serve tests and the demo, never a worker")
        .check(classes);
  }

  @Test
  void theStandInsSpeakOnlyThePlatformsApis() {
    classes()
        .that()
        .resideInAPackage("io.rollwright.standins..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.rollwright.standins..",
            "java..",
            "javax..",
            "com.sun.net.httpserver..",
            "com.fasterxml.jackson..")
        .because("a stand-in answers what the real API would, knowing nothing of Rollwright")
        .check(classes);
  }

  /** The modules above the workflows, each built on those before it. */
  private static final List<String> LINE =
      List.of(
          "io.rollwright.ledger..",
          "io.rollwright.activities..",
          "io.rollwright.worker..",
          "io.rollwright.client..",
          "io.rollwright.cli..",
          "io.rollwright.service..",
          "io.rollwright.demo..");

  @Test
  void modulesDependInOneLine() {
    useNothingAbove(WORKFLOWS, LINE);
    for (int i = 0; i <= LINE.indexOf("io.rollwright.worker.."); i++) {
      useNothingAbove(new String[] {LINE.get(i)}, LINE.subList(i + 1, LINE.size()));
    }
  }

  private static void useNothingAbove(String[] layer, List<String> above) {
    noClasses()
        .that()
        .resideInAnyPackage(layer)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(above.toArray(String[]::new))
        .check(classes);
  }

  @Test
  void frontDoorsShareTheClientNotEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.rollwright.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rollwright.cli..",
            "io.rollwright.service..",
            "io.rollwright.demo..",
            "io.rollwright.activities..",
            "io.rollwright.worker..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.rollwright.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rollwright.service..", "io.rollwright.demo..", "io.rollwright.worker..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.rollwright.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rollwright.cli..",
            "io.rollwright.demo..",
            "io.rollwright.activities..",
            "io.rollwright.worker..")
        .check(classes);
  }
}
