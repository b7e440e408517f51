package dev.forecourt.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manifests of server-config/kubernetes/manifests keep every rule of {@link Rules}. */
class ManifestsTest {

  private static Manifests manifests;
  private static ConfigurationKeys keys;
  private static ImageFiles image;

  @BeforeAll
  static void read() {
    // parsing is the first check: a field the Kubernetes API does not have fails here
    manifests = Manifests.read(Repository.manifests());
    keys = ConfigurationKeys.read(Repository.root().resolve("docs/configuration.md"));
    image = ImageFiles.read(Repository.kubernetes());
  }

  @Test
  void everyFileHoldsResources() {
    assertTrue(manifests.byFile().size() >= 7, "manifest files: " + manifests.byFile().keySet());
    manifests.byFile().forEach((f, r) -> assertTrue(!r.isEmpty(), f + " holds no resource"));
  }

  @Test
  void namespaceAgnostic() {
    assertEquals(List.of(), Rules.noNamespace(manifests));
  }

  @Test
  void kustomizationListsEveryManifestAndPinsTheImage() {
    assertEquals(List.of(), Rules.kustomization(manifests));
  }

  @Test
  void noLatestImage() {
    assertEquals(List.of(), Rules.imagesPinned(manifests));
  }

  @Test
  void resourcesRequestedAndMemoryLimited() {
    assertEquals(List.of(), Rules.resources(manifests));
  }

  @Test
  void probesOnTheHealthEndpointsOfTheHttpPort() {
    assertEquals(List.of(), Rules.probes(manifests));
  }

  @Test
  void probeAndShutdownTimingsFitTheDrain() {
    assertEquals(List.of(), Rules.timings(manifests));
  }

  @Test
  void preStopRunsTheImagesDrainScript() {
    assertEquals(List.of(), Rules.preStopDrains(manifests, image));
  }

  @Test
  void servicesAndDisruptionBudgetSelectTheDeploymentsPods() {
    assertEquals(List.of(), Rules.selectors(manifests));
  }

  @Test
  void autoscalerTargetsTheDeployment() {
    assertEquals(List.of(), Rules.autoscaling(manifests));
  }

  @Test
  void headlessServiceForJgroupsDiscovery() {
    assertEquals(List.of(), Rules.jgroupsDiscovery(manifests));
  }

  @Test
  void secretAndConfigMapReferencesResolve() {
    assertEquals(List.of(), Rules.references(manifests));
  }

  @Test
  void configMapKeysAreKnownSettings() {
    assertEquals(List.of(), Rules.configurationKeys(manifests, keys, image));
  }

  @Test
  void requiredSettingsAndDomainVariablesAreProvided() {
    assertEquals(List.of(), Rules.provided(manifests, keys, image));
  }
}
