package dev.parley.testkit.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * How to point the real JDA client at a {@link FakeDiscordServer}; adapter tests copy this.
 *
 * <pre>{@code
 * JDA jda = JDABuilder.createLight(server.token(), intents)
 *         .setRestConfig(new RestConfig().setBaseUrl(server.restBaseUrl()))   // REST: http, ends in /api/v10/
 *         .setSessionController(new ConcurrentSessionController() {          // gateway: ws on 127.0.0.1
 *             public String getGateway() { return server.gatewayUrl(); }
 *         })
 *         .setCompression(Compression.NONE)                                  // the fake speaks plain JSON
 *         .addEventListeners(listeners)
 *         .build()
 *         .awaitReady();
 * }</pre>
 *
 * A ShardManager asks {@code GET gateway/bot} through {@code getShardedGateway}, which the fake
 * answers with its own gateway URL, so overriding {@code getGateway()} is enough for both.
 */
final class JdaTestSetup {

    static final Set<GatewayIntent> INTENTS =
            EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);

    private JdaTestSetup() {}

    static JDABuilder builder(FakeDiscordServer server) {
        return JDABuilder.createLight(server.token(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(server.restBaseUrl()))
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return server.gatewayUrl();
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false);
    }

    /** Builds JDA with these listeners and waits until every guild arrived. */
    static JDA connect(FakeDiscordServer server, Object... listeners) throws InterruptedException {
        JDA jda = builder(server).addEventListeners(listeners).build();
        if (!jda.awaitReady().getStatus().isInit()) {
            throw new IllegalStateException("JDA did not get ready: " + jda.getStatus());
        }
        return jda;
    }

    static void shutdown(JDA jda) throws InterruptedException {
        jda.shutdownNow();
        jda.awaitShutdown(Duration.ofSeconds(10));
    }
}
