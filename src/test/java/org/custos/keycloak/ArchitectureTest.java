package org.custos.keycloak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
