package dev.forecourt.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The manifests directory, read: every resource by file, and the kustomization. */
record Manifests(Map<String, List<HasMetadata>> byFile, JsonNode kustomization) {

  static final String KUSTOMIZATION = "kustomization.yaml";

  /** Reads every *.yaml file of the directory (each strictly, see {@link StrictYaml}). */
  static Manifests read(Path dir) {
    Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
    JsonNode kustomization = null;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(f);
        String name = f.getFileName().toString();
        if (name.equals(KUSTOMIZATION)) {
          kustomization = StrictYaml.tree(text);
        } else {
          byFile.put(name, StrictYaml.read(text, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (kustomization == null) {
      throw new IllegalStateException("no " + KUSTOMIZATION + " in " + dir);
    }
    return new Manifests(byFile, kustomization);
  }

  List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>();
    byFile.values().forEach(all::addAll);
    return all;
  }

  <T extends HasMetadata> List<T> of(Class<T> kind) {
    return all().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  Deployment deployment() {
    List<Deployment> deployments = of(Deployment.class);
    if (deployments.size() != 1) {
      throw new IllegalStateException("expected one Deployment, found " + deployments.size());
    }
    return deployments.get(0);
  }

  List<Service> services() {
    return of(Service.class);
  }

  List<ConfigMap> configMaps() {
    return of(ConfigMap.class);
  }

  List<Secret> secrets() {
    return of(Secret.class);
  }

  List<HorizontalPodAutoscaler> autoscalers() {
    return of(HorizontalPodAutoscaler.class);
  }

  List<PodDisruptionBudget> disruptionBudgets() {
    return of(PodDisruptionBudget.class);
  }

  ConfigMap configMap(String name) {
    return configMaps().stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no ConfigMap " + name));
  }
}
