package dev.parley.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.Test;

/** Discord's interaction deadlines, on the server's clock, which the test moves. */
class FakeDiscordInteractionDeadlineTest {

    // generous: CI machines are loaded, and only a failing wait takes this long
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void answersAfterThreeSecondsAreRejected_andFollowUpsAfterFifteenMinutes() throws Exception {
        // JDA reads creation times from ids and compares them with its own clock: start at real time
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeDiscordServer server =
                FakeDiscordServer.builder().clock(clock).interactionDeadlines(true).start()) {
            FakeGuild guild = server.createGuild("g");
            long channel = guild.addTextChannel("general");
            FakeUser alice = server.createUser("alice");
            guild.addMember(alice);
            RecordingListener events = new RecordingListener();
            JDA jda = JdaTestSetup.connect(server, events);
            try {
                FakeInteraction late = server.slashCommand(channel, alice, "ask").send();
                FakeInteraction deferred = server.slashCommand(channel, alice, "ask").send();
                SlashCommandInteractionEvent lateEvent = events.await(
                        SlashCommandInteractionEvent.class, e -> e.getIdLong() == late.id(), TIMEOUT);
                SlashCommandInteractionEvent deferredEvent = events.await(
                        SlashCommandInteractionEvent.class, e -> e.getIdLong() == deferred.id(), TIMEOUT);
                var hook = deferredEvent.deferReply().complete();

                clock.advance(Duration.ofSeconds(4));
                CompletableFuture<?> tooLate = lateEvent.reply("too late").submit();
                hook.editOriginal("still in time").complete();
                clock.advance(Duration.ofMinutes(15));
                CompletableFuture<?> expiredFollowUp = hook.sendMessage("expired").submit();

                assertThat(errorOf(tooLate)).isEqualTo(ErrorResponse.UNKNOWN_INTERACTION);
                assertThat(errorOf(expiredFollowUp)).isEqualTo(ErrorResponse.INVALID_WEBHOOK_TOKEN);
                assertThat(server.sentMessages()).extracting(SentMessage::content).containsExactly("still in time");
            } finally {
                JdaTestSetup.shutdown(jda);
            }
        }
    }

    private static ErrorResponse errorOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected the request to fail");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ErrorResponseException.class);
            return ((ErrorResponseException) e.getCause()).getErrorResponse();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request neither failed nor succeeded", e);
        }
    }
}
