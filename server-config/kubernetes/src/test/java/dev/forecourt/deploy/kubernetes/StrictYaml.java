package dev.forecourt.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Kubernetes YAML read into the fabric8 model classes, strictly: a field the API does not have (a
 * typo such as {@code readinesProbe}) fails. The model keeps unknown fields in an {@code
 * additionalProperties} map ({@code @JsonAnySetter}); here no any-setter is honoured, so Jackson
 * reports the unknown field with its path.
 */
final class StrictYaml {

  /** The kinds the manifests may hold, by "apiVersion/kind". */
  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .build();

  private StrictYaml() {}

  /** Every document of a YAML text, as its model class. */
  static List<HasMetadata> read(String yaml, String source) {
    List<HasMetadata> resources = new ArrayList<>();
    for (JsonNode doc : MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
      if (doc == null || doc.isNull() || doc.isMissingNode()) {
        continue;
      }
      String type = doc.path("apiVersion").asString("") + "/" + doc.path("kind").asString("");
      Class<? extends HasMetadata> model = KINDS.get(type);
      if (model == null) {
        throw new IllegalArgumentException(source + ": unexpected resource type " + type);
      }
      try {
        resources.add(MAPPER.treeToValue(doc, model));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
    return resources;
  }

  /** A YAML text as a tree (for files that are not Kubernetes resources: kustomization.yaml). */
  static JsonNode tree(String yaml) {
    return MAPPER.readTree(yaml);
  }
}
