package dev.parley.app;

import dev.parley.app.dataset.DatasetCommand;
import dev.parley.app.moderate.ModerateCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Parley bot: the Spring Boot application that wires the core to a model and the platforms. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("moderate")) {
            // no Spring here to configure logging: without this, logback's default would print the
            // learned tier's libraries' INFO lines on standard output, among the JSON lines
            System.setProperty("logback.configurationFile", "logback-moderate.xml");
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            var out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            System.exit(new ModerateCommand(out, System.err).run(List.of(args).subList(1, args.length), in));
        }
        if (args.length > 0 && args[0].equals("dataset")) {
            System.setProperty("logback.configurationFile", "logback-moderate.xml"); // as moderate: no library INFO lines
            System.exit(new DatasetCommand(System.out, System.err, System.getenv(), InstantSource.system())
                    .run(List.of(args).subList(1, args.length)));
        }
        int status = new Launcher(System.err).run(args);
        // llama.cpp leaves a non-daemon native thread behind: the JVM would never exit on its own
        System.exit(status);
    }
}
