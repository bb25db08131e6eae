package dev.parley.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The database several Parley instances of one test share, as command-line arguments: the
 * PostgreSQL the environment names ({@code PARLEY_TEST_POSTGRES_URL/USER/PASSWORD}, as CI sets),
 * else an H2 file in {@code dir} that every instance opens through H2's automatic server mode.
 */
final class SharedDatabase {

    private SharedDatabase() {}

    static List<String> arguments(Path dir) {
        String postgres = System.getenv("PARLEY_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            return List.of("--spring.datasource.url=" + postgres,
                    "--spring.datasource.username=" + System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "parley"),
                    "--spring.datasource.password=" + System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_PASSWORD", "parley"));
        }
        // WRITE_DELAY=0 as in the default URL: a killed host of the shared file must not take its last commits with it
        return List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("shared") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "--spring.datasource.username=parley", "--spring.datasource.password=");
    }
}
