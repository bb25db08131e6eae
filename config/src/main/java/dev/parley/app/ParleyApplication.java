package dev.parley.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Parley bot: the Spring Boot application that wires the core to a model and the platforms. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        int status = new Launcher(System.err).run(args);
        // llama.cpp leaves a non-daemon native thread behind: the JVM would never exit on its own
        System.exit(status);
    }
}
