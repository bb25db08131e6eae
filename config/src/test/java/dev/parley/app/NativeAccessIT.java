package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar parley.jar}, typed without {@code --enable-native-access}, loads llama.cpp
 * without the JDK's restricted-method warnings: the jar's manifest grants native access.
 */
class NativeAccessIT {

    @TempDir
    Path dir;

    @Test
    void manifest_enablesNativeAccessForTheClassPath() throws Exception {
        try (JarFile jar = new JarFile(ParleyProcess.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
        }
    }

    @Test
    void javaDashJar_withoutTheFlag_printsNoRestrictedMethodWarning() throws Exception {
        Path model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                System.getProperty("parley.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-jar", ParleyProcess.jar().toString(),
                "--parley.model.path=" + model, "--parley.model.context-size=512", "--parley.model.max-new-tokens=4"))
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().remove("TELEGRAM_TOKEN");
        builder.environment().put("PARLEY_HTTP_PORT", "0");
        Process process = builder.start();
        process.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("parley did not exit within 180 s");
        }

        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(dir.resolve("data/logs/parley.log"))).as("the model was loaded, so System.load ran")
                .contains("llama.cpp native library loaded");
        assertThat(stderr).doesNotContain("WARNING: A restricted method", "--enable-native-access");
    }
}
