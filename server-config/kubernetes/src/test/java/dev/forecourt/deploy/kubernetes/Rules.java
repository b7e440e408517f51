package dev.forecourt.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules the manifests must keep, each returning what breaks it (empty: kept). Each rule has a
 * test that breaks it once ({@code RulesCanFailTest}).
 */
final class Rules {

  /** Payara's HTTP listener in the image (create-domain.sh with the default port base). */
  static final int HTTP_PORT = 8080;

  static final String APP_CONFIG = "forecourt-config";

  static final String SERVER_CONFIG = "forecourt-server";

  private Rules() {}

  // --- every manifest ---------------------------------------------------------------------------

  static List<String> noNamespace(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata r : m.all()) {
      if (r.getMetadata().getNamespace() != null) {
        problems.add(name(r) + " names namespace " + r.getMetadata().getNamespace());
      }
    }
    return problems;
  }

  static List<String> kustomization(Manifests m) {
    List<String> problems = new ArrayList<>();
    JsonNode k = m.kustomization();
    if (!"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asString(""))
        || !"Kustomization".equals(k.path("kind").asString(""))) {
      problems.add("kustomization.yaml is not a kustomize.config.k8s.io/v1beta1 Kustomization");
    }
    if (k.has("namespace")) {
      problems.add("kustomization.yaml sets a namespace (the base is namespace-agnostic)");
    }
    Set<String> listed = new LinkedHashSet<>();
    k.path("resources").forEach(r -> listed.add(r.asString("")));
    if (!listed.equals(m.byFile().keySet())) {
      problems.add(
          "kustomization resources " + listed + " != manifest files " + m.byFile().keySet());
    }
    Set<String> containerImages = new LinkedHashSet<>();
    containers(m).forEach(c -> containerImages.add(c.getImage().replaceAll(":[^:/]*$", "")));
    k.path("images")
        .forEach(
            i -> {
              String tag = i.path("newTag").asString("");
              if (tag.isEmpty() || tag.equals("latest")) {
                problems.add(
                    "kustomization image "
                        + i.path("name").asString("")
                        + " has tag '"
                        + tag
                        + "'");
              }
              if (!containerImages.contains(i.path("name").asString(""))) {
                problems.add(
                    "kustomization image "
                        + i.path("name").asString("")
                        + " is no container's image");
              }
            });
    return problems;
  }

  static List<String> imagesPinned(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Container c : containers(m)) {
      String image = c.getImage();
      String tag = image.contains("@") ? "digest" : image.replaceAll("^.*?(:([^:/]*))?$", "$2");
      if (tag.isEmpty() || tag.equals("latest")) {
        problems.add("container " + c.getName() + " image " + image + " has no pinned tag");
      }
    }
    return problems;
  }

  static List<String> resources(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Container c : containers(m)) {
      Map<String, Quantity> requests =
          c.getResources() == null
              ? Map.of()
              : Objects.requireNonNullElse(c.getResources().getRequests(), Map.of());
      Map<String, Quantity> limits =
          c.getResources() == null
              ? Map.of()
              : Objects.requireNonNullElse(c.getResources().getLimits(), Map.of());
      if (!requests.containsKey("cpu")
          || !requests.containsKey("memory")
          || !limits.containsKey("memory")) {
        problems.add("container " + c.getName() + " lacks cpu/memory requests or a memory limit");
      }
    }
    return problems;
  }

  // --- probes and shutdown ----------------------------------------------------------------------

  static List<String> probes(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Container c : containers(m)) {
      checkProbe(problems, c, "startupProbe", c.getStartupProbe(), "/health/started");
      checkProbe(problems, c, "readinessProbe", c.getReadinessProbe(), "/health/ready");
      checkProbe(problems, c, "livenessProbe", c.getLivenessProbe(), "/health/live");
    }
    return problems;
  }

  private static void checkProbe(
      List<String> problems, Container c, String what, Probe p, String path) {
    if (p == null || p.getHttpGet() == null) {
      problems.add("container " + c.getName() + " has no HTTP " + what);
      return;
    }
    if (!path.equals(p.getHttpGet().getPath())) {
      problems.add(
          c.getName() + " " + what + " asks " + p.getHttpGet().getPath() + ", not " + path);
    }
    Integer port = containerPort(c, p.getHttpGet().getPort());
    if (port == null || port != HTTP_PORT) {
      problems.add(
          c.getName() + " " + what + " port " + p.getHttpGet().getPort() + " is not " + HTTP_PORT);
    }
    if (p.getTimeoutSeconds() == null
        || p.getPeriodSeconds() == null
        || p.getTimeoutSeconds() >= p.getPeriodSeconds()) {
      problems.add(c.getName() + " " + what + " needs a timeout shorter than its period");
    }
  }

  /**
   * Timings: a first start may take 2 minutes (migrations) before liveness applies; a draining pod
   * is seen not ready within drain.sh's grace; the grace period covers drain.sh and the server's
   * own drain.
   */
  static List<String> timings(Manifests m) {
    List<String> problems = new ArrayList<>();
    Map<String, String> server = data(m.configMap(SERVER_CONFIG));
    Map<String, String> app = data(m.configMap(APP_CONFIG));
    int grace = Integer.parseInt(server.getOrDefault("FORECOURT_DRAIN_GRACE_SECONDS", "5"));
    int drainTimeout =
        Integer.parseInt(server.getOrDefault("FORECOURT_DRAIN_TIMEOUT_SECONDS", "30"));
    long serverDrain =
        Duration.parse(app.getOrDefault("FORECOURT_SHUTDOWN_DRAIN_TIMEOUT", "PT30S")).toSeconds();
    Deployment d = m.deployment();
    for (Container c : containers(m)) {
      Probe s = c.getStartupProbe();
      if (s != null && value(s.getPeriodSeconds(), 10) * value(s.getFailureThreshold(), 3) < 120) {
        problems.add(c.getName() + " startupProbe allows less than 120 s for a start");
      }
      Probe r = c.getReadinessProbe();
      if (r != null
          && value(r.getPeriodSeconds(), 10) * value(r.getFailureThreshold(), 3) > grace) {
        problems.add(
            c.getName()
                + " readinessProbe sees a draining pod later than the drain grace "
                + grace
                + " s");
      }
    }
    long needed = grace + drainTimeout + serverDrain + 10;
    Long given = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    if (given == null || given < needed) {
      problems.add(
          "terminationGracePeriodSeconds " + given + " < " + needed + " (drain + server stop)");
    }
    return problems;
  }

  /** The preStop hook runs the image's drain.sh on the domain's directory and HTTP listener. */
  static List<String> preStopDrains(Manifests m, ImageFiles image) {
    List<String> problems = new ArrayList<>();
    List<String> expected =
        List.of(
            image.payaraScriptsDir() + "drain.sh",
            ImageFiles.DOMAINS_DIR + image.env().get("DOMAIN_NAME"),
            "http://127.0.0.1:" + HTTP_PORT);
    for (Container c : containers(m)) {
      List<String> command =
          c.getLifecycle() == null
                  || c.getLifecycle().getPreStop() == null
                  || c.getLifecycle().getPreStop().getExec() == null
              ? List.of()
              : c.getLifecycle().getPreStop().getExec().getCommand();
      if (!expected.equals(command)) {
        problems.add(c.getName() + " preStop " + command + " is not " + expected);
      }
    }
    return problems;
  }

  // --- selectors and targets --------------------------------------------------------------------

  static List<String> selectors(Manifests m) {
    List<String> problems = new ArrayList<>();
    Deployment d = m.deployment();
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    if (!selects(d.getSpec().getSelector().getMatchLabels(), podLabels)) {
      problems.add("Deployment selector does not match its pod labels");
    }
    for (Service s : m.services()) {
      if (!selects(s.getSpec().getSelector(), podLabels)) {
        problems.add(
            "Service "
                + s.getMetadata().getName()
                + " selector "
                + s.getSpec().getSelector()
                + " does not select the pods "
                + podLabels);
      }
      for (ServicePort p : s.getSpec().getPorts()) {
        boolean found =
            containers(m).stream().anyMatch(c -> containerPort(c, p.getTargetPort()) != null);
        if (!found) {
          problems.add(
              "Service "
                  + s.getMetadata().getName()
                  + " targetPort "
                  + p.getTargetPort()
                  + " is no container port");
        }
      }
    }
    for (PodDisruptionBudget b : m.disruptionBudgets()) {
      if (b.getSpec().getSelector() == null
          || !selects(b.getSpec().getSelector().getMatchLabels(), podLabels)) {
        problems.add(
            "PodDisruptionBudget " + b.getMetadata().getName() + " does not select the pods");
      }
    }
    if (m.disruptionBudgets().isEmpty()) {
      problems.add("no PodDisruptionBudget");
    }
    return problems;
  }

  static List<String> autoscaling(Manifests m) {
    List<String> problems = new ArrayList<>();
    Deployment d = m.deployment();
    if (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() < 2) {
      problems.add("Deployment has fewer than 2 replicas");
    }
    if (m.autoscalers().isEmpty()) {
      problems.add("no HorizontalPodAutoscaler");
    }
    for (HorizontalPodAutoscaler h : m.autoscalers()) {
      var ref = h.getSpec().getScaleTargetRef();
      if (!"apps/v1".equals(ref.getApiVersion())
          || !"Deployment".equals(ref.getKind())
          || !d.getMetadata().getName().equals(ref.getName())) {
        problems.add(
            "HPA "
                + h.getMetadata().getName()
                + " targets "
                + ref.getApiVersion()
                + " "
                + ref.getKind()
                + " "
                + ref.getName()
                + ", not the Deployment "
                + d.getMetadata().getName());
      }
      if (h.getSpec().getMinReplicas() == null
          || h.getSpec().getMinReplicas() < 2
          || h.getSpec().getMaxReplicas() < h.getSpec().getMinReplicas()) {
        problems.add("HPA " + h.getMetadata().getName() + " must keep at least 2 pods");
      }
    }
    return problems;
  }

  /** JGroups discovery: a headless Service that lists pods before they are ready, and its FQDN. */
  static List<String> jgroupsDiscovery(Manifests m) {
    List<String> problems = new ArrayList<>();
    List<Service> headless =
        m.services().stream().filter(s -> "None".equals(s.getSpec().getClusterIP())).toList();
    if (headless.size() != 1) {
      problems.add("expected one headless Service, found " + headless.size());
      return problems;
    }
    Service h = headless.get(0);
    if (!Boolean.TRUE.equals(h.getSpec().getPublishNotReadyAddresses())) {
      problems.add(
          "headless Service " + h.getMetadata().getName() + " must publish not-ready addresses");
    }
    boolean bindsPodIp =
        containers(m).stream()
            .flatMap(c -> env(c).stream())
            .anyMatch(
                e ->
                    e.getName().equals(ConfigurationKeys.envName("forecourt.cluster.bind-address"))
                        && e.getValueFrom() != null
                        && e.getValueFrom().getFieldRef() != null
                        && "status.podIP".equals(e.getValueFrom().getFieldRef().getFieldPath()));
    if (!bindsPodIp) {
      problems.add("the cluster transport does not bind the pod's IP (status.podIP)");
    }
    String query = envValue(m, ConfigurationKeys.envName("forecourt.cluster.dns-query"));
    String expected = h.getMetadata().getName() + ".$(POD_NAMESPACE).svc.";
    if (query == null || !query.startsWith(expected)) {
      problems.add(
          "DNS query " + query + " is not the headless Service's name " + expected + "...");
    }
    return problems;
  }

  // --- configuration and secrets ----------------------------------------------------------------

  /** Every secretKeyRef names a Secret of the manifests and a key it has; ConfigMap refs exist. */
  static List<String> references(Manifests m) {
    List<String> problems = new ArrayList<>();
    for (Container c : containers(m)) {
      for (EnvVar e : env(c)) {
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
          SecretKeySelector ref = e.getValueFrom().getSecretKeyRef();
          Secret secret =
              m.secrets().stream()
                  .filter(s -> s.getMetadata().getName().equals(ref.getName()))
                  .findFirst()
                  .orElse(null);
          if (secret == null) {
            problems.add(
                e.getName() + " refers to Secret " + ref.getName() + ", not in the manifests");
          } else if (!secretKeys(secret).contains(ref.getKey())) {
            problems.add(
                e.getName()
                    + " refers to key "
                    + ref.getKey()
                    + " of Secret "
                    + ref.getName()
                    + ", which has "
                    + secretKeys(secret));
          }
        }
      }
      for (EnvFromSource f : envFrom(c)) {
        if (f.getConfigMapRef() != null
            && m.configMaps().stream()
                .noneMatch(x -> x.getMetadata().getName().equals(f.getConfigMapRef().getName()))) {
          problems.add(
              "envFrom ConfigMap " + f.getConfigMapRef().getName() + " is not in the manifests");
        }
        if (f.getSecretRef() != null
            && m.secrets().stream()
                .noneMatch(x -> x.getMetadata().getName().equals(f.getSecretRef().getName()))) {
          problems.add("envFrom Secret " + f.getSecretRef().getName() + " is not in the manifests");
        }
      }
    }
    return problems;
  }

  /**
   * The application ConfigMap sets only keys the application knows (docs/configuration.md, or a
   * proposal); so does every FORECOURT_/MP_ variable of the Deployment that is not a server
   * variable. The server ConfigMap sets only what the image's domain or drain.sh reads.
   */
  static List<String> configurationKeys(Manifests m, ConfigurationKeys keys, ImageFiles image) {
    List<String> problems = new ArrayList<>();
    for (String k : data(m.configMap(APP_CONFIG)).keySet()) {
      if (!keys.isKnownEnvName(k)) {
        problems.add(
            "ConfigMap " + APP_CONFIG + " key " + k + " sets no key of docs/configuration.md");
      }
    }
    Set<String> server = image.serverVariables();
    for (String k : data(m.configMap(SERVER_CONFIG)).keySet()) {
      if (!server.contains(k)) {
        problems.add(
            "ConfigMap "
                + SERVER_CONFIG
                + " key "
                + k
                + " is read by neither the domain nor drain.sh "
                + server);
      }
    }
    for (Container c : containers(m)) {
      for (EnvVar e : env(c)) {
        String n = e.getName();
        if ((n.startsWith("FORECOURT_") || n.startsWith("MP_"))
            && !server.contains(n)
            && !keys.isKnownEnvName(n)) {
          problems.add("env " + n + " is neither a configuration key nor a server variable");
        }
      }
    }
    return problems;
  }

  /**
   * What the pod must provide is provided: every required key of the application, every ${ENV=...}
   * of the domain that the image has no default for.
   */
  static List<String> provided(Manifests m, ConfigurationKeys keys, ImageFiles image) {
    List<String> problems = new ArrayList<>();
    Set<String> available = new LinkedHashSet<>();
    for (Container c : containers(m)) {
      env(c).forEach(e -> available.add(e.getName()));
      for (EnvFromSource f : envFrom(c)) {
        if (f.getConfigMapRef() != null) {
          m.configMaps().stream()
              .filter(x -> x.getMetadata().getName().equals(f.getConfigMapRef().getName()))
              .forEach(x -> available.addAll(data(x).keySet()));
        }
      }
    }
    for (String n : keys.requiredEnvNames()) {
      if (!available.contains(n)) {
        problems.add("required setting " + n + " is not given to the pod");
      }
    }
    for (String n : image.domainEnvReferences()) {
      if (!available.contains(n)
          && !image.env().containsKey(n)
          && !ImageFiles.BASE_IMAGE_ENV.contains(n)) {
        problems.add("the domain reads ${ENV=" + n + "}, which neither the image nor the pod sets");
      }
    }
    return problems;
  }

  // --- helpers ----------------------------------------------------------------------------------

  static List<Container> containers(Manifests m) {
    return m.deployment().getSpec().getTemplate().getSpec().getContainers();
  }

  private static List<EnvVar> env(Container c) {
    return c.getEnv() == null ? List.of() : c.getEnv();
  }

  private static List<EnvFromSource> envFrom(Container c) {
    return c.getEnvFrom() == null ? List.of() : c.getEnvFrom();
  }

  private static String envValue(Manifests m, String name) {
    for (Container c : containers(m)) {
      for (EnvVar e : env(c)) {
        if (e.getName().equals(name)) {
          return e.getValue();
        }
      }
    }
    return null;
  }

  static Map<String, String> data(ConfigMap c) {
    return c.getData() == null ? Map.of() : c.getData();
  }

  private static Set<String> secretKeys(Secret s) {
    Set<String> keys = new LinkedHashSet<>();
    if (s.getData() != null) {
      keys.addAll(s.getData().keySet());
    }
    if (s.getStringData() != null) {
      keys.addAll(s.getStringData().keySet());
    }
    return keys;
  }

  /** The container port a probe or Service port names (by name or number), or null. */
  private static Integer containerPort(Container c, IntOrString port) {
    if (port == null || c.getPorts() == null) {
      return null;
    }
    for (ContainerPort p : c.getPorts()) {
      if (port.getStrVal() != null
          ? port.getStrVal().equals(p.getName())
          : Objects.equals(port.getIntVal(), p.getContainerPort())) {
        return p.getContainerPort();
      }
    }
    return null;
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && labels != null
        && labels.entrySet().containsAll(selector.entrySet());
  }

  private static int value(Integer v, int dflt) {
    return v == null ? dflt : v;
  }

  private static String name(HasMetadata r) {
    return r.getKind() + " " + r.getMetadata().getName();
  }
}
