package dev.parley.app;

import dev.parley.app.modelserver.ModelServerMode;
import dev.parley.app.platform.ConsoleLogFile;
import dev.parley.app.platform.Serving;
import dev.parley.app.startup.StartupException;
import dev.parley.core.model.ModelException;
import dev.parley.discord.DiscordStartException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application and turns a failed start into one line a person can act on, instead of
 * Spring's report and a stack trace, for the failures we expect: a bad model file, a failed
 * download, an invalid setting or port, a database that refuses us or is in use, a platform that
 * cannot be reached.
 */
public final class Launcher {

    /** Exit status when start-up failed for a reason the message explains. */
    public static final int CANNOT_START = 2;

    /** The first argument that runs the model server ({@link ModelServerMode}) instead of the bot. */
    public static final String MODEL_SERVER = "model-server";

    private final PrintStream err;

    public Launcher(PrintStream err) {
        this.err = err;
    }

    /**
     * Runs the bot until its adapters finish, or with {@code model-server} as the first argument
     * the model server until it is stopped; returns the process exit status.
     */
    public int run(String... args) {
        if (args.length > 0 && args[0].equals(MODEL_SERVER)) {
            SpringApplication application = new SpringApplication(ModelServerMode.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            return run(application, Arrays.copyOfRange(args, 1, args.length));
        }
        SpringApplication bot = new SpringApplication(ParleyApplication.class);
        bot.addListeners(new ConsoleLogFile());
        return run(bot, args);
    }

    private int run(SpringApplication application, String... args) {
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run(args)) {
            // the console adapter ran to the end of its input inside run(); a platform runs until stopped
            context.getBeanProvider(Serving.class).ifAvailable(Launcher::awaitShutdown);
            return 0;
        } catch (RuntimeException e) {
            String reason = expectedReason(e);
            if (reason == null) {
                err.println("parley: cannot start: unexpected " + rootCause(e));
                e.printStackTrace(err);
            } else {
                err.println("parley: cannot start: " + reason);
            }
            return CANNOT_START;
        }
    }

    private static void awaitShutdown(Serving serving) {
        try {
            serving.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The message of the first failure we expect and can explain, or null. */
    static String expectedReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ModelException || t instanceof StartupException || t instanceof DiscordStartException) {
                return t.getMessage();
            }
            if (t instanceof SQLException sql) {
                return DatabaseFailure.explain(sql);
            }
            if (t instanceof WebServerException && !(t instanceof PortInUseException)) {
                // Tomcat's reason: "port out of range:70000", "Address already in use"...
                return "the health and metrics server cannot start (" + rootCause(t).getMessage() + "); set "
                        + "PARLEY_HTTP_PORT (server.port) to a free port from 1 to 65535, or 0 for any free one";
            }
            if (DatabaseFailure.isUrlRefused(t)) {
                return "invalid setting spring.datasource.url (PARLEY_DATABASE_URL): " + t.getMessage();
            }
            if (t instanceof PortInUseException port) {
                return "port " + port.getPort() + " (health and metrics) is in use; set PARLEY_HTTP_PORT"
                        + " (server.port) to another, or 0 for any free one";
            }
            if (t instanceof BindException bind) {
                Throwable root = rootCause(bind);
                return "invalid setting " + bind.getName() + ": " + root.getMessage();
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
