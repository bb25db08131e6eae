package dev.parley.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of bot-core depend on each other in one direction only (issue #17). A cycle between two
 * packages means neither can be read, tested or moved without the other; when this fails, move the type
 * that sits on the wrong side into the package that owns its concept rather than relaxing the rule.
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley.core");
        slices().matching("dev.parley.core.(*)..").should().beFreeOfCycles().check(classes);
    }
}
