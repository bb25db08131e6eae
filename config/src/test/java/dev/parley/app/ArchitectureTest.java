package dev.parley.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses parley;

    @BeforeAll
    static void importClasses() {
        parley = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    @Test
    void coreDependsOnNoFrameworkPlatformOrNativeCode() {
        noClasses().that().resideInAPackage("dev.parley.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "net.dv8tion..", "org.telegram..",
                        "ai.onnxruntime..", "dev.langchain4j..", "ai.djl..",
                        "dev.parley.model..", "dev.parley.app..", "dev.parley.console..", "dev.parley.discord..",
                        "dev.parley.telegram..")
                .check(parley);
    }

    @Test
    void llamaBindingIsUsedOnlyByTheModelRuntime() {
        noClasses().that().resideOutsideOfPackage("dev.parley.model..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.model.llamacpp..")
                .check(parley);
    }

    @Test
    void theSentenceEncodersRuntimeIsUsedOnlyByTheModelRuntime() {
        noClasses().that().resideOutsideOfPackage("dev.parley.model..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "dev.langchain4j..", "ai.djl..")
                .check(parley);
    }

    @Test
    void springIsUsedOnlyByTheApplication() {
        noClasses().that().resideOutsideOfPackage("dev.parley.app..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(parley);
    }

    @Test
    void platformClientsStayInTheirAdapters() {
        noClasses().that().resideOutsideOfPackage("dev.parley.discord..")
                .should().dependOnClassesThat().resideInAPackage("net.dv8tion..")
                .check(parley);
        noClasses().that().resideOutsideOfPackage("dev.parley.telegram..")
                .should().dependOnClassesThat().resideInAPackage("org.telegram..")
                .check(parley);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAnyPackage("dev.parley.discord..", "dev.parley.telegram..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.console..")
                .check(parley);
        noClasses().that().resideInAPackage("dev.parley.discord..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.telegram..")
                .check(parley);
        noClasses().that().resideInAPackage("dev.parley.telegram..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.discord..")
                .check(parley);
    }

    /**
     * SLF4J is the one logging API of every module (main classes of bot-core, model-runtime, the
     * adapters, testkit and config; the benchmarks are not on this classpath). No library forces
     * {@code java.util.logging} on our code: the JUL lines of libraries (OkHttp) reach Logback
     * through Spring Boot's bridge without any class of ours touching JUL.
     */
    @Test
    void oneLoggingApi() {
        // by name: System's nested Logger, its Level and LoggerFinder
        noClasses().should().dependOnClassesThat().haveNameMatching("java\\.lang\\.System\\$Logger.*")
                .orShould().callMethod(System.class, "getLogger", String.class)
                .orShould().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .because("SLF4J is the one logging API (docs/architecture.md, Conventions)")
                .check(parley);
    }
}
