package dev.parley.app.chat;

import dev.parley.app.model.ModelFileLocator;
import dev.parley.app.model.ModelProperties;
import dev.parley.app.startup.StartupException;
import dev.parley.core.model.ModelException;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Tier;
import dev.parley.model.download.ModelDownloader;
import dev.parley.model.encoder.EncoderUnavailableException;
import dev.parley.model.encoder.SentenceEncoder;
import dev.parley.model.llama.LlamaSettings;
import dev.parley.model.moderation.GuardFormat;
import dev.parley.model.moderation.GuardModelProvider;
import dev.parley.model.moderation.ModerationEndpointSettings;
import dev.parley.model.moderation.OpenAiModerationProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The moderation tiers, cheapest first: the local tier always; the learned tier (a sentence encoder
 * with calibrated heads) unless {@code parley.moderation.learned.enabled} is false; then the moderation endpoint when
 * {@code parley.moderation.endpoint.url} is set (on every text the local tier did not block); then
 * the guard model when {@code parley.moderation.guard.model-path} or {@code .download} is set
 * (always, or only when the tiers before it are unsure), in its {@link GuardFormat}.
 */
@Configuration(proxyBeanMethods = false)
public class ModerationTiersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModerationTiersConfiguration.class);

    /** The tiers and what they hold open (the endpoint's HTTP client, the guard model). */
    static final class ModerationTiers implements AutoCloseable {

        private final List<Tier> tiers;
        private final List<AutoCloseable> resources;

        ModerationTiers(List<Tier> tiers, List<AutoCloseable> resources) {
            this.tiers = List.copyOf(tiers);
            this.resources = List.copyOf(resources);
        }

        List<Tier> tiers() {
            return tiers;
        }

        @Override
        public void close() {
            for (AutoCloseable resource : resources.reversed()) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("could not close a moderation tier: {}", e.toString());
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    ModerationTiers moderationTiers(TextNormaliser normaliser, EndpointProperties endpoint, GuardProperties guard,
            LearnedProperties learned, ModelProperties model, Environment environment) {
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        List<Tier> tiers = new ArrayList<>(List.of(Tier.always(local)));
        List<AutoCloseable> resources = new ArrayList<>();
        List<String> described = new ArrayList<>(List.of("local"));
        if (learned.enabled()) {
            SentenceEncoder encoder = loadEncoder(learned);
            resources.add(encoder);
            try {
                tiers.add(Tier.always(LearnedModerationProvider.standard(encoder, local)));
            } catch (RuntimeException e) { // heads missing, unreadable, or trained on another encoder
                encoder.close();
                throw new StartupException("the learned moderation tier cannot start (set parley.moderation.learned"
                        + ".enabled=false to run without it): " + e.getMessage());
            }
            described.add("learned (" + encoder.name() + ", " + learned.threads() + " thread)");
        }
        if (endpoint.enabled()) {
            OpenAiModerationProvider provider = new OpenAiModerationProvider(endpointSettings(endpoint, environment));
            resources.add(provider);
            tiers.add(Tier.always(provider));
            described.add("endpoint (" + provider.settings().baseUrl() + ", " + provider.settings().model()
                    + (provider.settings().apiKey() == null ? ", no API key)" : ", with an API key)"));
        }
        if (guard.enabled()) {
            var downloader = new ModelDownloader(ModelDownloader.defaultClient(), System.err)
                    .pointingAt("parley.moderation.guard.model-path");
            Path file = guardModelFile(guard, new ModelFileLocator(model, downloader::download));
            GuardModelProvider provider = loadGuard(file, guard);
            resources.add(provider);
            tiers.add(guard.when() == GuardProperties.When.ALWAYS ? Tier.always(provider)
                    : Tier.whenUnsure(provider, guard.unsureFrom())); // GuardProperties checked the range
            described.add("guard (" + file.getFileName() + ", " + provider.format().title()
                    + (guard.when() == GuardProperties.When.ALWAYS ? ", always)" : ", when unsure from " + guard.unsureFrom() + ")"));
        }
        log.info("moderation tiers: {}", String.join(", ", described));
        return new ModerationTiers(tiers, resources);
    }

    /** The tiers above; assessments cached on the normalised text, per tier. */
    @Bean
    Moderator moderator(TextNormaliser normaliser, ModerationTiers tiers) {
        return Moderator.tiered(normaliser, tiers.tiers(), 100_000);
    }

    private static SentenceEncoder loadEncoder(LearnedProperties learned) {
        try {
            return SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), learned.threads());
        } catch (EncoderUnavailableException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new StartupException("the learned moderation tier cannot start (set parley.moderation.learned.enabled"
                    + "=false to run without it): " + e.getMessage());
        }
    }

    private static ModerationEndpointSettings endpointSettings(EndpointProperties endpoint, Environment environment) {
        String key = endpoint.apiKey();
        if (key == null || key.isBlank()) {
            key = environment.getProperty(EndpointProperties.API_KEY_VARIABLE);
        }
        try {
            return new ModerationEndpointSettings(endpoint.url(), endpoint.model(),
                    key == null || key.isBlank() ? null : key.strip(), endpoint.timeout());
        } catch (IllegalArgumentException e) {
            // the settings' messages never quote the key
            throw new StartupException("invalid parley.moderation.endpoint: " + e.getMessage());
        }
    }

    /**
     * The guard's model file: {@code model-path} as it is, or the chosen download in the models
     * directory, fetched there (progress bar, resume, checks) if it is not there yet.
     */
    static Path guardModelFile(GuardProperties guard, ModelFileLocator locator) {
        Path configured = guard.modelPath();
        if (configured != null && !configured.toString().isBlank()) {
            return configured;
        }
        GuardProperties.Download source = guard.downloadSource()
                .orElseThrow(() -> new IllegalStateException("no guard configured"));
        return locator.inModelsDir(source.url(), source.sha256(), "parley.moderation.guard.download");
    }

    private static GuardModelProvider loadGuard(Path file, GuardProperties guard) {
        LlamaSettings settings;
        try {
            settings = new LlamaSettings(file, guard.effectiveThreads(), guard.contextSize(), 1, 0, guard.timeout(),
                    List.of(), true);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.moderation.guard: " + e.getMessage());
        }
        try {
            // checks the file in Java before llama.cpp sees it, as for the chat model
            return GuardModelProvider.load(settings, guard.guardFormat());
        } catch (ModelException e) {
            String from = guard.downloadSource().isPresent() ? "download" : "model-path";
            throw new StartupException("the guard model (parley.moderation.guard." + from + ", format "
                    + guard.guardFormat().configName() + ") cannot be used: " + e.getMessage());
        }
    }
}
