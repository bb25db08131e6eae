package dev.parley.app.platform;

import dev.parley.app.startup.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads platform tokens from secrets files ({@code parley.discord.token-file},
 * {@code parley.telegram.token-file}, e.g. a Docker or Kubernetes secret): the file's text,
 * trimmed, becomes {@code parley.<platform>.token} before anything reads it, so the token never
 * has to be in the environment or on the command line. A file that is missing, unreadable or
 * empty, or a token set both ways, stops start-up with one line naming the key (never the token).
 */
public final class TokenFiles implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SOURCE = "parleyTokenFiles";
    private static final List<String> PLATFORMS = List.of("discord", "telegram");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    /** Sets each platform's token from its file, if one is named. */
    static void apply(ConfigurableEnvironment environment) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String platform : PLATFORMS) {
            String fileKey = "parley." + platform + ".token-file";
            String tokenKey = "parley." + platform + ".token";
            String file = environment.getProperty(fileKey);
            if (!StringUtils.hasText(file)) {
                continue;
            }
            if (StringUtils.hasText(environment.getProperty(tokenKey))) {
                throw new StartupException("set either " + tokenKey + " or " + fileKey + ", not both");
            }
            tokens.put(tokenKey, read(fileKey, Path.of(file.strip())));
        }
        if (!tokens.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, tokens));
        }
    }

    private static String read(String key, Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new StartupException(key + ": no such file " + file.toAbsolutePath());
        } catch (IOException | SecurityException e) {
            throw new StartupException(key + ": cannot read " + file.toAbsolutePath() + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (token.isEmpty()) {
            throw new StartupException(key + ": " + file.toAbsolutePath() + " is empty");
        }
        return token;
    }

    /**
     * Once the configuration files are read (so the file's key may come from them too) and the
     * logging is set up (so a failure here is the launcher's one line, not Spring's report).
     */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
