package org.custos.keycloak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape a newcomer can rely on, checked on the compiled main classes: rest → service → store → JPA with no way
 * back up, JPA only below {@code model/jpa}, no loop between packages, and classes short enough to read at once.
 */
class ArchitectureTest {

    private static final String ROOT = "org.custos.keycloak";
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void onlyTheJpaAdaptersKnowJpa() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".model.jpa..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".model.jpa..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.persistence..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.hibernate..")
                .because("stores are the only JPA boundary: records of ours cross it, never entities or queries")
                .check(main);
    }

    @Test
    void layersPointDownOnly() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        ROOT + ".service..",
                        ROOT + ".auth..",
                        ROOT + ".model..",
                        ROOT + ".representation..",
                        ROOT + ".crypto..",
                        ROOT + ".error..",
                        ROOT + ".cleanup..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".rest..", ROOT + ".settingstab..")
                .because("resources and console pages sit on top: nothing below calls up into them")
                .check(main);
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".service..", ROOT + ".auth..", ROOT + ".representation..")
                .because("stores know nothing of business rules, callers or JSON")
                .check(main);
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".model..")
                .because("resources reach data through services")
                .check(main);
    }

    /** Services below resources that state the whole rule: they never ask about the caller's rights at all. */
    private static final String[] RULE_FREE_SERVICES = {
        ROOT + ".service.agents..", ROOT + ".service.logs..", ROOT + ".service.tenant..", ROOT + ".service.bundle.."
    };

    /**
     * Every resource method names its rule on its first line, through {@code auth()} ({@code
     * auth().agents().requireManage()}, {@code auth().sharing()}), inside the edge that answers a storage failure
     * ({@code return run(() -> { auth()...; ...})}): the first call after {@code run} is {@code auth()}. The
     * exceptions say so: a {@link org.custos.keycloak.rest.support.PublicEndpoint}, or a method that hands the whole
     * request to another resource method (whose first line is its rule).
     */
    @Test
    void everyResourceMethodStatesItsRuleFirst() {
        var resources = main.stream()
                .filter(c -> c.isAssignableTo(ROOT + ".rest.support.ServiceResource"))
                .filter(c -> !c.getName().equals(ROOT + ".rest.support.ServiceResource"))
                .toList();
        List<String> late = resources.stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(ArchitectureTest::isEndpoint)
                .filter(m -> !m.isAnnotatedWith(ROOT + ".rest.support.PublicEndpoint"))
                .filter(m -> !startsWithRule(m, resources))
                .map(JavaMethod::getFullName)
                .toList();
        assertEquals(List.of(), late, "resource methods whose first call is not auth(): state the rule first");
        assertEquals(true, resources.size() >= 17, "the resources were not found: " + resources.size());
    }

    private static boolean isEndpoint(JavaMethod m) {
        return m.getAnnotations().stream()
                .anyMatch(a -> a.getRawType().isAnnotatedWith(jakarta.ws.rs.HttpMethod.class));
    }

    /**
     * Whether a resource method hands its work to the edge ({@code run}, {@code done}, {@code respond}) and that work's
     * first call is {@code auth()} (ArchUnit counts a lambda's calls as its method's, line by line), or hands the whole
     * request to another resource (its constructor, or another endpoint method of the same class).
     */
    private static boolean startsWithRule(JavaMethod m, List<JavaClass> resources) {
        var byLine = new java.util.TreeMap<Integer, List<com.tngtech.archunit.core.domain.JavaCall<?>>>();
        m.getCallsFromSelf().forEach(c -> byLine.computeIfAbsent(c.getLineNumber(), l -> new java.util.ArrayList<>())
                .add(c));
        if (byLine.isEmpty()) {
            return false;
        }
        var first = byLine.firstEntry().getValue();
        if (first.stream().anyMatch(c -> delegates(c, m, resources))) {
            return true;
        }
        boolean edge = first.stream()
                .anyMatch(c -> Set.of("run", "done", "respond").contains(c.getName())
                        && c.getTargetOwner().isAssignableFrom(m.getOwner().getName()));
        var next = byLine.higherEntry(byLine.firstKey());
        return edge
                && next != null
                && next.getValue().stream().anyMatch(c -> c.getName().equals("auth"));
    }

    private static boolean delegates(
            com.tngtech.archunit.core.domain.JavaCall<?> c, JavaMethod m, List<JavaClass> resources) {
        return resources.contains(c.getTargetOwner()) && c.getName().equals("<init>")
                || c.getTargetOwner().equals(m.getOwner())
                        && c.getTarget()
                                .resolveMember()
                                .filter(t -> t instanceof JavaMethod jm && isEndpoint(jm))
                                .isPresent();
    }

    /** Services that take typed arguments and return their own records or Keycloak's models: no JSON shapes. */
    private static final String[] TYPED_SERVICES = {
        ROOT + ".service.agents..",
        ROOT + ".service.logs..",
        ROOT + ".service.tenant..",
        ROOT + ".service.secrets..",
        ROOT + ".service.groups..",
        ROOT + ".service.users..",
        ROOT + ".service.sharing..",
        ROOT + ".service.selfservice..",
        ROOT + ".service.identity.."
    };

    @Test
    void typedServicesSpeakNoWireFormat() {
        noClasses()
                .that()
                .resideInAnyPackage(TYPED_SERVICES)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".representation..")
                .because("request bodies are read, and answers shaped, in rest/ and representation/")
                .check(main);
    }

    @Test
    void servicesNeverAuthenticate() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".service..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(ROOT + ".auth.CallerContext")
                .because("the resource names the caller and its rule first; a service gets the rules it needs")
                .check(main);
    }

    @Test
    void servicesAssumeTheRuleWasChecked() {
        noClasses()
                .that()
                .resideInAnyPackage(RULE_FREE_SERVICES)
                .should()
                .dependOnClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(ROOT + ".auth..")
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("Caller"))))
                .because("the resource checked the caller's rights; a service only names the caller in events")
                .check(main);
    }

    @Test
    void noPackageLoops() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void everyMainClassReadsInOneSitting() throws IOException {
        List<String> long_;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            long_ = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > 350)
                    .map(f -> f + " (" + lines(f) + " lines)")
                    .toList();
        }
        assertEquals(List.of(), long_, "classes over 350 lines: split them");
    }

    @Test
    void everyLineFitsIn120Columns() throws IOException {
        List<String> wide;
        try (Stream<Path> files =
                Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
            wide = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        List<String> all = read(f);
                        return java.util.stream.IntStream.range(0, all.size())
                                .filter(i -> all.get(i).length() > 120)
                                .mapToObj(i -> f + ":" + (i + 1));
                    })
                    .toList();
        }
        assertEquals(List.of(), wide, "lines over 120 characters (mvn spotless:apply formats; long strings are split)");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
