package dev.forecourt.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile against the project: Payara version, files, ports. */
class DockerfileTest {

  private final ImageFiles image = ImageFiles.read(Repository.kubernetes());

  @Test
  void baseImageIsTheOfficialPayaraServerOfTheProjectsVersionOnJdk17() throws IOException {
    assertEquals(List.of(), baseImageProblems(image, payaraVersion()));
  }

  @Test
  void anotherBaseImageIsReported() throws IOException {
    String version = payaraVersion();
    for (String from :
        List.of(
            "payara/server-full:6.2025.9-jdk17",
            "payara/server-full:" + version,
            "payara/server-full:" + version + "-jdk21",
            "payara/server-web:" + version + "-jdk17",
            "payara/server-full:latest",
            "payara/server-full")) {
      ImageFiles other = ImageFiles.parse("FROM " + from + "\n", "", "");
      assertFalse(baseImageProblems(other, version).isEmpty(), from);
    }
  }

  /** What is wrong with the FROM line: not payara/server-full of this Payara version on JDK 17. */
  static List<String> baseImageProblems(ImageFiles image, String payaraVersion) {
    String expected = "payara/server-full:" + payaraVersion + "-jdk17";
    return expected.equals(image.from())
        ? List.of()
        : List.of("FROM " + image.from() + ", expected " + expected);
  }

  @Test
  void theProjectsPayaraVersionIsReadFromThePom() throws IOException {
    // the surefire property and the pom agree (the test above cannot pass on a missing version)
    String fromPom = payaraVersion();
    assertTrue(fromPom.matches("\\d+\\.\\d{4}\\.\\d+"), fromPom);
    String fromBuild = System.getProperty("forecourt.payara.version");
    if (fromBuild != null) {
      assertEquals(fromBuild, fromPom);
    }
  }

  @Test
  void copiesOnlyWhatTheDockerignoreLetsIn() throws IOException {
    String ignore = Files.readString(Repository.kubernetes().resolve("Dockerfile.dockerignore"));
    for (String src : image.copies().keySet()) {
      String glob = src.endsWith("/") ? src + "*.sh" : src;
      assertTrue(
          ignore.lines().anyMatch(l -> l.equals("!" + glob)),
          src + " is not let in by Dockerfile.dockerignore");
    }
  }

  @Test
  void copiedSourceFilesExist() {
    Path root = Repository.root();
    for (String src : image.copies().keySet()) {
      if (!src.contains("/target/")) { // build products exist after the Maven build only
        assertTrue(Files.exists(root.resolve(src)), src + " does not exist");
      }
    }
  }

  @Test
  void exposesTheContainerPortsOfTheDeployment() {
    Manifests m = Manifests.read(Repository.manifests());
    for (var c : Rules.containers(m)) {
      for (var p : c.getPorts()) {
        assertTrue(
            image.exposed().contains(p.getContainerPort()),
            "port " + p.getContainerPort() + " not exposed");
      }
    }
  }

  /** The root pom's payara.version property. */
  static String payaraVersion() throws IOException {
    String pom = Files.readString(Repository.root().resolve("pom.xml"));
    Matcher m = Pattern.compile("<payara\\.version>([^<]+)</payara\\.version>").matcher(pom);
    assertTrue(m.find(), "no payara.version in pom.xml");
    return m.group(1).trim();
  }
}
