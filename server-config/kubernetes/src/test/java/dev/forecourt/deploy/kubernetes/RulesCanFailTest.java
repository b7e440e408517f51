package dev.forecourt.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link Rules}, and the strict parsing, broken once on a fresh copy of the real
 * manifests: the checks of {@link ManifestsTest} can fail.
 */
class RulesCanFailTest {

  private Manifests m;
  private final ConfigurationKeys keys =
      ConfigurationKeys.read(Repository.root().resolve("docs/configuration.md"));
  private final ImageFiles image = ImageFiles.read(Repository.kubernetes());

  @BeforeEach
  void freshCopy() {
    m = Manifests.read(Repository.manifests());
  }

  private Container container() {
    return Rules.containers(m).get(0);
  }

  private Deployment deployment() {
    return m.deployment();
  }

  private Service service(String name) {
    return m.services().stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMisspelledFieldFailsTheParsing() throws IOException {
    String yaml =
        Files.readString(Repository.manifests().resolve("deployment.yaml"))
            .replace("readinessProbe:", "readinesProbe:");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StrictYaml.read(yaml, "deployment.yaml"));
    assertTrue(e.getMessage().contains("readinesProbe"), e.getMessage());
  }

  @Test
  void aMisspelledFieldDeepInsideFailsTheParsing() throws IOException {
    String yaml =
        Files.readString(Repository.manifests().resolve("hpa.yaml"))
            .replace("averageUtilization:", "averageUtilisation:");
    assertThrows(IllegalArgumentException.class, () -> StrictYaml.read(yaml, "hpa.yaml"));
  }

  @Test
  void anUnknownKindFailsTheParsing() {
    String yaml = "apiVersion: v1\nkind: ConfigMapp\nmetadata:\n  name: x\n";
    assertThrows(IllegalArgumentException.class, () -> StrictYaml.read(yaml, "x.yaml"));
  }

  @Test
  void namespace() {
    deployment().getMetadata().setNamespace("prod");
    assertFalse(Rules.noNamespace(m).isEmpty());
  }

  @Test
  void kustomizationMissingAFile() throws IOException {
    String k =
        Files.readString(Repository.manifests().resolve("kustomization.yaml"))
            .replace("  - pdb.yaml\n", "");
    m = new Manifests(m.byFile(), StrictYaml.tree(k));
    assertFalse(Rules.kustomization(m).isEmpty());
  }

  @Test
  void kustomizationLatestTag() throws IOException {
    String k =
        Files.readString(Repository.manifests().resolve("kustomization.yaml"))
            .replaceAll("newTag: .*", "newTag: latest");
    m = new Manifests(m.byFile(), StrictYaml.tree(k));
    assertFalse(Rules.kustomization(m).isEmpty());
  }

  @Test
  void latestImage() {
    container().setImage("forecourt:latest");
    assertFalse(Rules.imagesPinned(m).isEmpty());
    container().setImage("forecourt");
    assertFalse(Rules.imagesPinned(m).isEmpty());
    container().setImage("registry.example.com:5000/forecourt");
    assertFalse(Rules.imagesPinned(m).isEmpty());
  }

  @Test
  void noMemoryLimit() {
    container().getResources().getLimits().remove("memory");
    assertFalse(Rules.resources(m).isEmpty());
  }

  @Test
  void probeOnTheWrongPath() {
    container().getReadinessProbe().getHttpGet().setPath("/health");
    assertFalse(Rules.probes(m).isEmpty());
  }

  @Test
  void probeOnTheWrongPort() {
    container().getLivenessProbe().getHttpGet().setPort(new IntOrString(8181));
    assertFalse(Rules.probes(m).isEmpty());
  }

  @Test
  void missingStartupProbe() {
    container().setStartupProbe(null);
    assertFalse(Rules.probes(m).isEmpty());
  }

  @Test
  void readinessTooSlowForTheDrain() {
    container().getReadinessProbe().setFailureThreshold(5);
    assertFalse(Rules.timings(m).isEmpty());
  }

  @Test
  void gracePeriodShorterThanTheDrain() {
    deployment().getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L);
    assertFalse(Rules.timings(m).isEmpty());
  }

  @Test
  void preStopWithoutDrain() {
    container().getLifecycle().getPreStop().getExec().setCommand(List.of("sleep", "10"));
    assertFalse(Rules.preStopDrains(m, image).isEmpty());
  }

  @Test
  void serviceSelectsOtherPods() {
    service("forecourt").getSpec().setSelector(Map.of("app.kubernetes.io/name", "forecourt-web"));
    assertFalse(Rules.selectors(m).isEmpty());
  }

  @Test
  void serviceTargetsAnUnknownPort() {
    service("forecourt").getSpec().getPorts().get(0).setTargetPort(new IntOrString("https"));
    assertFalse(Rules.selectors(m).isEmpty());
  }

  @Test
  void disruptionBudgetSelectsOtherPods() {
    m.disruptionBudgets().get(0).getSpec().getSelector().setMatchLabels(Map.of("app", "other"));
    assertFalse(Rules.selectors(m).isEmpty());
  }

  @Test
  void autoscalerTargetsAnotherDeployment() {
    m.autoscalers().get(0).getSpec().getScaleTargetRef().setName("forecourt-old");
    assertFalse(Rules.autoscaling(m).isEmpty());
  }

  @Test
  void oneReplica() {
    deployment().getSpec().setReplicas(1);
    assertFalse(Rules.autoscaling(m).isEmpty());
  }

  @Test
  void headlessServiceHidesStartingPods() {
    service("forecourt-jgroups").getSpec().setPublishNotReadyAddresses(false);
    assertFalse(Rules.jgroupsDiscovery(m).isEmpty());
  }

  @Test
  void clusterTransportOnLoopback() {
    container().getEnv().removeIf(e -> e.getName().equals("FORECOURT_CLUSTER_BIND_ADDRESS"));
    assertFalse(Rules.jgroupsDiscovery(m).isEmpty());
  }

  @Test
  void secretKeyMissing() {
    Secret s = m.secrets().get(0);
    s.getStringData().remove("secrets-key");
    assertFalse(Rules.references(m).isEmpty());
  }

  @Test
  void unknownApplicationKey() {
    Map<String, String> data = new HashMap<>(m.configMap(Rules.APP_CONFIG).getData());
    data.put("FORECOURT_RATE_LIMIT_ANONYMOUS_PER_MINUTES", "100");
    m.configMap(Rules.APP_CONFIG).setData(data);
    assertFalse(Rules.configurationKeys(m, keys, image).isEmpty());
  }

  @Test
  void unknownServerVariable() {
    Map<String, String> data = new HashMap<>(m.configMap(Rules.SERVER_CONFIG).getData());
    data.put("FORECOURT_DB_HOTS", "db");
    m.configMap(Rules.SERVER_CONFIG).setData(data);
    assertFalse(Rules.configurationKeys(m, keys, image).isEmpty());
  }

  @Test
  void requiredSecretsKeyNotGiven() {
    container().getEnv().removeIf(e -> e.getName().equals("FORECOURT_SECRETS_KEY"));
    assertFalse(Rules.provided(m, keys, image).isEmpty());
  }

  @Test
  void databaseHostNotGiven() {
    Map<String, String> data = new HashMap<>(m.configMap(Rules.SERVER_CONFIG).getData());
    data.remove("FORECOURT_DB_HOST");
    m.configMap(Rules.SERVER_CONFIG).setData(data);
    assertFalse(Rules.provided(m, keys, image).isEmpty());
  }

  @Test
  void keyPatternsAreMatchedWholly() {
    assertTrue(keys.isKnownEnvName("FORECOURT_INTEGRATIONS_DEALER_SITE_SECRET"));
    assertTrue(keys.isKnownEnvName("MP_JWT_VERIFY_ISSUER"));
    assertFalse(keys.isKnownEnvName("FORECOURT_INTEGRATIONS_SECRET"));
    assertFalse(keys.isKnownEnvName("FORECOURT_SECRETS_KEYS"));
  }
}
