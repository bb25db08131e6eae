package dev.parley.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.junit.jupiter.api.Test;

/** The gateway's session handling with the real JDA: op 7 reconnects, shards and late guilds. */
class FakeDiscordGatewayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void requestReconnect_jdaClosesAndResumesItsSession() throws InterruptedException {
        try (FakeDiscordServer server = FakeDiscordServer.start()) {
            FakeGuild guild = server.createGuild("g");
            long channel = guild.addTextChannel("general");
            FakeUser alice = server.createUser("alice");
            guild.addMember(alice);
            RecordingListener events = new RecordingListener();
            JDA jda = JdaTestSetup.connect(server, events);
            try {
                server.requestReconnect();
                server.awaitResumes(1, TIMEOUT);
                long id = server.postMessage(channel, alice, "still here");

                events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);
                assertThat(server.identifyCount()).isEqualTo(1);
            } finally {
                JdaTestSetup.shutdown(jda);
            }
        }
    }

    @Test
    void guildCreatedAfterReady_isAnnouncedAsAJoin() throws InterruptedException {
        try (FakeDiscordServer server = FakeDiscordServer.start()) {
            RecordingListener events = new RecordingListener();
            JDA jda = JdaTestSetup.connect(server, events);
            try {
                FakeGuild late = server.createGuild("late");

                events.await(net.dv8tion.jda.api.events.guild.GuildJoinEvent.class,
                        e -> e.getGuild().getIdLong() == late.id(), TIMEOUT);
                assertThat(jda.getGuildById(late.id()).getName()).isEqualTo("late");
            } finally {
                JdaTestSetup.shutdown(jda);
            }
        }
    }

    @Test
    void shardManager_learnsTheShardCountFromGatewayBot_andEachGuildArrivesOnItsShard()
            throws InterruptedException {
        try (FakeDiscordServer server = FakeDiscordServer.builder().shards(2).start()) {
            FakeGuild first = server.createGuild("first");
            FakeGuild second = server.createGuild("second");
            ShardManager shards = DefaultShardManagerBuilder.createLight(server.token(), JdaTestSetup.INTENTS)
                    .setRestConfig(new RestConfig().setBaseUrl(server.restBaseUrl()))
                    .setSessionController(new ConcurrentSessionController() {
                        @Override
                        public String getGateway() {
                            return server.gatewayUrl();
                        }
                    })
                    .setCompression(Compression.NONE)
                    .setEnableShutdownHook(false)
                    .build();
            try {
                server.awaitIdentifies(2, TIMEOUT);
                for (JDA shard : shards.getShards()) {
                    shard.awaitReady();
                }

                assertThat(shards.getShardsTotal()).isEqualTo(2);
                assertThat(shards.getGuildById(first.id())).isNotNull();
                assertThat(shards.getGuildById(second.id())).isNotNull();
                assertThat(shards.getGuildById(first.id()).getJDA().getShardInfo().getShardId())
                        .isEqualTo((int) ((first.id() >>> 22) % 2));
                assertThat(server.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("gateway/bot"));
            } finally {
                shards.shutdown();
            }
        }
    }
}
