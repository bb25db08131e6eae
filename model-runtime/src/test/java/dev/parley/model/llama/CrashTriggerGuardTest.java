package dev.parley.model.llama;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guards of {@code notes/llama-jni.md} that hold by never calling a method: each crash
 * trigger that cannot be tested without killing the test JVM is checked here on the compiled
 * classes instead, so a later change that calls one fails the build.
 */
class CrashTriggerGuardTest {

    private static JavaClasses runtime;

    @BeforeAll
    static void importClasses() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    @Test
    void tokenProbabilitiesAreNeverRequested_trigger1() {
        noClasses().should().callMethod(InferenceParameters.class, "setNProbs", int.class).check(runtime);
    }

    @Test
    void templatesAreAppliedOnlyByRenderWhichSetsMessages_trigger2() {
        noClasses().that().doNotHaveFullyQualifiedName(LlamaChatModel.class.getName())
                .should().callMethod(LlamaModel.class, "applyTemplate", InferenceParameters.class)
                .check(runtime);
        noClasses().should().callMethod(LlamaModel.class, "applyTemplate", String.class).check(runtime);
    }

    @Test
    void rawTokensAreNeverDecoded_trigger3() {
        noClasses().should().callMethod(LlamaModel.class, "decode", int[].class).check(runtime);
    }

    @Test
    void jsonSchemasAreNeverTurnedIntoGrammars_trigger4() {
        noClasses().should().callMethod(LlamaModel.class, "jsonSchemaToGrammar", String.class).check(runtime);
    }

    @Test
    void parametersLlamaCppsParserMayRejectAreNeverPassed_trigger5() {
        noClasses().should().callMethod(ModelParameters.class, "setOverrideKv", String.class)
                .orShould().callMethod(ModelParameters.class, "setDevices", String.class)
                .orShould().callMethod(ModelParameters.class, "addLoraScaledAdapter", String.class, float.class)
                .check(runtime);
    }

    @Test
    void customChatTemplatesAreNeverSet_trigger6() {
        noClasses().should().callMethod(ModelParameters.class, "setChatTemplate", String.class).check(runtime);
    }

    @Test
    void theKvCacheKeepsItsDefaultType_trigger11() {
        noClasses().should().callMethod(ModelParameters.class, "setCacheTypeK", CacheType.class)
                .orShould().callMethod(ModelParameters.class, "setCacheTypeV", CacheType.class)
                .check(runtime);
    }
}
