package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.app.model.ModelProperties;
import dev.parley.app.startup.StartupException;
import dev.parley.core.model.ModelException;
import dev.parley.discord.DiscordStartException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServerException;

class LauncherTest {

    @Test
    void explainsAModelFailureBuriedInSpringsWrappers() {
        var failure = new IllegalStateException("context failed",
                new BeanCreationException("chatModel", "could not create", new ModelException("model file x.gguf is truncated")));

        assertThat(Launcher.expectedReason(failure)).isEqualTo("model file x.gguf is truncated");
    }

    @Test
    void explainsAStartupRefusal() {
        assertThat(Launcher.expectedReason(new IllegalStateException(new StartupException("no adapter"))))
                .isEqualTo("no adapter");
    }

    @Test
    void explainsAnInvalidSettingByItsName() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of("parley.model.parallel", "0")));
        var bind = catchThrowableOfType(BindException.class, () -> binder.bind("parley.model", ModelProperties.class));

        assertThat(Launcher.expectedReason(new IllegalStateException(bind)))
                .isEqualTo("invalid setting parley.model: parley.model.parallel must be at least 1, was 0");
    }

    @Test
    void leavesUnexpectedFailuresToTheStackTrace() {
        assertThat(Launcher.expectedReason(new IllegalStateException("boom", new NullPointerException()))).isNull();
    }

    @Test
    void explainsAPortInUseWithTheSettingThatMovesIt() {
        var failure = new IllegalStateException(new PortInUseException(9464));

        assertThat(Launcher.expectedReason(failure)).isEqualTo("port 9464 (health and metrics) is in use; "
                + "set PARLEY_HTTP_PORT (server.port) to another, or 0 for any free one");
    }

    @Test
    void explainsAnH2FileHeldByAnotherProcessByItsPathAsTyped() {
        String file = Path.of("data/parley.mv.db").toAbsolutePath().toString();
        var inUse = new SQLException("Database may be already in use: \"retry:" + file + "\". Possible solutions:"
                + " close all other connection(s); use the server mode [90020-240]", "90020", 90020);

        assertThat(Launcher.expectedReason(new IllegalStateException(inUse))).isEqualTo("the database ./data/parley is in"
                + " use by another Parley process; stop that one, or give this one a database of its own with PARLEY_DATABASE_URL");
    }

    @Test
    void explainsARefusedPasswordWithTheSettingsToChange() {
        var refused = new SQLException("FATAL: password authentication failed for user \"parley\"", "28P01");

        assertThat(Launcher.expectedReason(new IllegalStateException(refused))).isEqualTo("the database refused the"
                + " user name or password (FATAL: password authentication failed for user \"parley\"); set"
                + " PARLEY_DATABASE_USER and PARLEY_DATABASE_PASSWORD (spring.datasource.username, .password)");
    }

    @Test
    void explainsADatabaseUrlNoDriverTakes() {
        var refused = new RuntimeException("Driver org.h2.Driver claims to not accept jdbcUrl, jdbc:nosuch:x");

        assertThat(Launcher.expectedReason(new IllegalStateException(refused))).isEqualTo("invalid setting"
                + " spring.datasource.url (PARLEY_DATABASE_URL): Driver org.h2.Driver claims to not accept jdbcUrl, jdbc:nosuch:x");
    }

    @Test
    void explainsAPortOutOfRange() {
        var failure = new IllegalStateException(new WebServerException("Unable to start embedded Tomcat server",
                new IllegalArgumentException("Connector failed to start", new IllegalArgumentException("port out of range:70000"))));

        assertThat(Launcher.expectedReason(failure)).isEqualTo("the health and metrics server cannot start (port out of"
                + " range:70000); set PARLEY_HTTP_PORT (server.port) to a free port from 1 to 65535, or 0 for any free one");
    }

    @Test
    void explainsAnUnreachableDiscord() {
        var failure = new BeanCreationException("discordAdapter", "failed",
                new DiscordStartException("could not reach Discord at discord.com (UnknownHostException: discord.com)",
                        new RuntimeException()));

        assertThat(Launcher.expectedReason(failure))
                .isEqualTo("could not reach Discord at discord.com (UnknownHostException: discord.com)");
    }

    @Test
    void modelServerMode_refusesABadSettingBeforeLoadingAnyModel() {
        var err = new ByteArrayOutputStream();

        // no model path: were the model loaded first, this would try to download the default one
        int status = new Launcher(new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("model-server", "--parley.model-server.max-waiting=-1");

        assertThat(status).isEqualTo(Launcher.CANNOT_START);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("parley: cannot start: invalid setting "
                + "parley.model-server: parley.model-server.max-waiting must be at least 0, was -1" + System.lineSeparator());
    }
}
