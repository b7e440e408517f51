package dev.forecourt.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.forecourt.platform.concurrency.ForecourtExecutor;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency rules of Forecourt's code, checked on the compiled classes of all three modules
 * (this module's test classpath holds the web module's classes, the ejb module's and the
 * persistence module's). A class's module is where its class file comes from (a module's {@code
 * target/classes} or its jar), so the module rules hold for split packages too ({@code
 * platform.security} has classes in all three modules).
 *
 * <ul>
 *   <li>{@code platform.*} depends on no bounded context (identity, inventory, sales, integration)
 *       nor on the demo data: what the contexts share lives in platform.
 *   <li>A context uses another context only through its {@code application} package (services,
 *       views, drafts); never its {@code domain}, {@code infrastructure} or {@code api}. The one
 *       exception: sales' entities hold JPA associations to inventory's {@code Vehicle} and {@code
 *       Dealership} (and {@code Money}), and sales' services change the vehicle a deal holds in the
 *       deal's transaction, so sales may use {@code inventory.domain} (a shared kernel).
 *   <li>Inside a context: {@code api} (web) → {@code application} → {@code domain}; {@code
 *       infrastructure} (adapters: REST clients, mail, JMS listeners, HTTP calls) is used by {@code
 *       application} and uses it; {@code domain} uses none of the others.
 *   <li>Modules: web → ejb → persistence; persistence depends on neither ejb nor web module, the
 *       ejb module not on the web module.
 *   <li>{@code jakarta.ws.rs} (HTTP) is the web module's: in the ejb module only an {@code
 *       infrastructure} adapter may use it (a MicroProfile Rest Client interface is declared with
 *       JAX-RS annotations).
 *   <li>Errors: services throw exceptions named for what happened in the domain ({@code
 *       DuplicateVin}, {@code CredentialsRejected}, {@code StaleVersion}), subclasses of the
 *       abstract {@code ProblemException} living in a context's {@code application} (or {@code
 *       api}) package or in {@code platform}; in the ejb module only those exceptions and {@code
 *       platform.problem} itself name a {@code ProblemType} constant: no service picks a problem
 *       type (let alone an HTTP status) itself.
 * </ul>
 */
@AnalyzeClasses(packages = "dev.forecourt", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String[] CONTEXTS = {"identity", "inventory", "sales", "integration"};

  static final DescribedPredicate<JavaClass> PERSISTENCE_MODULE =
      inModule("persistence", "forecourt-persistence");
  static final DescribedPredicate<JavaClass> EJB_MODULE = inModule("ejb-module", "forecourt-ejb");
  static final DescribedPredicate<JavaClass> WEB_MODULE = inModule("web-module", "forecourt-web");

  @ArchTest
  static final ArchRule platform_depends_on_no_context =
      classes()
          .that()
          .resideInAPackage("dev.forecourt.platform..")
          .should(
              new ArchCondition<JavaClass>(
                  "depend on no bounded context (identity, inventory, sales, integration) nor demo") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                  for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target
                        .getPackageName()
                        .matches(
                            "dev\\.forecourt\\.(identity|inventory|sales|integration|demo)(\\..*)?")) {
                      events.add(
                          SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                  }
                }
              })
          .because(
              "platform holds what every context shares; a context may depend on platform, never the reverse");

  @ArchTest
  static final ArchRule no_context_uses_another_contexts_internals =
      classes()
          .that(resideInAnyPackage(contextPackages()))
          .should(useOtherContextsOnlyThroughTheirApplicationPackage());

  @ArchTest
  static final ArchRule layers_inside_a_context =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("api")
          .definedBy("dev.forecourt.*.api..")
          .layer("application")
          .definedBy("dev.forecourt.*.application..")
          .layer("infrastructure")
          .definedBy("dev.forecourt.*.infrastructure..")
          .layer("domain")
          .definedBy("dev.forecourt.*.domain..")
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("application")
          .mayOnlyBeAccessedByLayers("api", "infrastructure")
          .whereLayer("infrastructure")
          .mayOnlyBeAccessedByLayers("application")
          .whereLayer("domain")
          .mayOnlyBeAccessedByLayers("api", "application", "infrastructure");

  @ArchTest
  static final ArchRule persistence_module_depends_on_neither_ejb_nor_web =
      noClasses().that(PERSISTENCE_MODULE).should().dependOnClassesThat(EJB_MODULE.or(WEB_MODULE));

  @ArchTest
  static final ArchRule ejb_module_does_not_depend_on_web =
      noClasses().that(EJB_MODULE).should().dependOnClassesThat(WEB_MODULE);

  @ArchTest
  static final ArchRule http_only_at_the_edge =
      noClasses()
          .that(EJB_MODULE.or(PERSISTENCE_MODULE))
          .and()
          .resideOutsideOfPackage("dev.forecourt.*.infrastructure..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("jakarta.ws.rs..")
          .because(
              "HTTP is the web module's; only an infrastructure adapter (a REST client) may use JAX-RS");

  @ArchTest
  static final ArchRule no_ejb_asynchronous =
      noClasses()
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(jakarta.ejb.Asynchronous.class)
          .because(
              "asynchronous work runs on the server's concurrent/forecourt (ForecourtExecutor), not"
                  + " on the EJB container's async pool");

  @ArchTest
  static final ArchRule asynchronous_methods_run_on_concurrent_forecourt =
      methods()
          .that()
          .areAnnotatedWith(jakarta.enterprise.concurrent.Asynchronous.class)
          .should(
              new ArchCondition<JavaMethod>("name ForecourtExecutor.JNDI_NAME as their executor") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                  String executor =
                      method
                          .getAnnotationOfType(jakarta.enterprise.concurrent.Asynchronous.class)
                          .executor();
                  if (!ForecourtExecutor.JNDI_NAME.equals(executor)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " runs on " + executor));
                  }
                }
              })
          .because("an operator sizes concurrent/forecourt: no work may fall back to another pool");

  @ArchTest
  static final ArchRule only_named_exceptions_choose_a_problem_type =
      noClasses()
          .that(EJB_MODULE)
          .and()
          .resideOutsideOfPackage("dev.forecourt.platform.problem..")
          .and()
          .areNotAssignableTo(ProblemException.class)
          .should()
          .accessFieldWhere(
              describe(
                  "the field is a ProblemType constant",
                  access -> access.getTarget().getOwner().isAssignableTo(ProblemType.class)))
          .because(
              "a service throws an exception named for what happened; the exception says which kind"
                  + " of problem it is, and the web module which HTTP status that is");

  @ArchTest
  static final ArchRule problem_exceptions_are_named_for_what_happened =
      classes()
          .that()
          .areAssignableTo(ProblemException.class)
          .and()
          .doNotHaveFullyQualifiedName(ProblemException.class.getName())
          .should()
          .haveSimpleNameNotEndingWith("Exception")
          .andShould()
          .haveSimpleNameNotContaining("Problem")
          .andShould()
          .resideInAnyPackage(
              "dev.forecourt.*.application..", "dev.forecourt.*.api..", "dev.forecourt.platform..")
          .because(
              "what is thrown says what happened in the domain (DuplicateVin, StaleVersion), in the"
                  + " context it happened in");

  private static String[] contextPackages() {
    String[] packages = new String[CONTEXTS.length];
    for (int i = 0; i < CONTEXTS.length; i++) {
      packages[i] = "dev.forecourt." + CONTEXTS[i] + "..";
    }
    return packages;
  }

  private static final Pattern CONTEXT_LAYER =
      Pattern.compile("dev\\.forecourt\\.(identity|inventory|sales|integration)\\.([a-z]+).*");

  /**
   * Context → other context's layer that is allowed besides {@code application} (see the class
   * comment).
   */
  private static final Set<String> SHARED_KERNEL = Set.of("sales->inventory.domain");

  private static ArchCondition<JavaClass> useOtherContextsOnlyThroughTheirApplicationPackage() {
    return new ArchCondition<>("use another context only through its application package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          Matcher from = CONTEXT_LAYER.matcher(origin.getPackageName() + ".");
          Matcher to = CONTEXT_LAYER.matcher(dependency.getTargetClass().getPackageName() + ".");
          if (!from.matches() || !to.matches() || from.group(1).equals(to.group(1))) {
            continue;
          }
          String layer = to.group(2);
          boolean allowed =
              layer.equals("application")
                  || SHARED_KERNEL.contains(from.group(1) + "->" + to.group(1) + "." + layer);
          if (!allowed) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static DescribedPredicate<JavaClass> inModule(String directory, String jarPrefix) {
    return describe(
        "in module " + directory,
        c ->
            location(c)
                .map(
                    uri ->
                        uri.contains("/" + directory + "/target/classes/")
                            || uri.contains("/" + jarPrefix + "-"))
                .orElse(false));
  }

  private static Optional<String> location(JavaClass c) {
    return c.getSource().map(source -> source.getUri().toString());
  }
}
