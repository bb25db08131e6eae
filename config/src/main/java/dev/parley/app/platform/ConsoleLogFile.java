package dev.parley.app.platform;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * On the console chat, sends the logs to a file ({@code parley.console.log-file}, by default
 * {@code ./data/logs/parley.log}) instead of the terminal, where they would interleave with the
 * conversation; warnings and errors still show on standard error. With a platform token the bot
 * serves that platform and logs to standard error as before. {@link ConsoleRunner} says where the
 * file is when the chat starts.
 */
public final class ConsoleLogFile implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The log file, set to its absolute path once the logs go there. */
    public static final String PROPERTY = "parley.console.log-file";
    static final String DEFAULT = "data/logs/parley.log";
    private static final String APPENDER = "PARLEY_CONSOLE_LOG_FILE";
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p [%15.15t] %-40.40logger{39} : %m%n%ex";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        boolean platform = StringUtils.hasText(environment.getProperty("parley.discord.token"))
                || StringUtils.hasText(environment.getProperty("parley.telegram.token"));
        boolean console = environment.getProperty("parley.console.enabled", Boolean.class, true);
        if (platform || !console || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Path file = Path.of(environment.getProperty(PROPERTY, DEFAULT)).toAbsolutePath().normalize();
        logTo(context, file);
        environment.getPropertySources().addFirst(new MapPropertySource("parleyConsoleLogFile",
                Map.of(PROPERTY, file.toString())));
    }

    private static void logTo(LoggerContext context, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + file.getParent(), e);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (var appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            Appender<ILoggingEvent> terminal = appenders.next();
            ThresholdFilter warnings = new ThresholdFilter();
            warnings.setLevel("WARN");
            warnings.start();
            terminal.addFilter(warnings);
        }
        root.addAppender(appender);
    }

    /** After the logging system is set up (and after {@link TokenFiles} has read the tokens), so that it stays. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 2;
    }
}
