package dev.parley.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code parley.jar} in its own JVM, as a person would from a shell. */
record ParleyProcess(Path workDir) {

    record Result(int exitCode, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("parley.jar", "target/parley.jar")).toAbsolutePath();
    }

    Result run(String stdin, String... args) throws IOException, InterruptedException {
        Running running = start(args);
        Process process = running.process();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("parley did not exit within 180 s; stderr: " + running.stderr());
        }
        return new Result(process.exitValue(), Files.readString(running.out()), running.stderr());
    }

    /** Starts parley with {@code args} and returns at once; it runs until it is stopped or killed. */
    Running start(String... args) throws IOException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        return new Running(start(Map.of(), out, err, args), out, err);
    }

    /** Starts parley with {@code environment} added, its output going to {@code out} and {@code err}. */
    Process start(Map<String, String> environment, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("parley.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // a token in the test runner's environment must not switch adapters on
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().remove("TELEGRAM_TOKEN");
        // several bots (other test runs) on one machine: the health and metrics port is any free one
        builder.environment().put("PARLEY_HTTP_PORT", "0");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** A parley process started by {@link #start}; its output goes to files. */
    record Running(Process process, Path out, Path err) {

        /** Kills the process as {@code kill -9} does (SIGKILL on Linux): no shutdown hook, no graceful stop. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("parley did not die within 60 s of SIGKILL");
            }
        }

        /** Stops the process as a service manager does (SIGTERM) and waits for it to exit; its exit code. */
        int stop() throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("parley did not stop within 120 s of SIGTERM; stderr: " + stderr());
            }
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(out);
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }
    }
}
