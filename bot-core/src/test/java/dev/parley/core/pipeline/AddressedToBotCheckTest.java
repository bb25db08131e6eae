package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressedToBotCheckTest {

    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final AddressedToBot check = new AddressedToBot(channels);

    private void mode(ReplyMode mode) {
        ChannelKey key = ChannelKey.of(GENERAL);
        channels.save(key, channels.load(key).withReplyMode(mode));
    }

    private Outcome.Ignored ignored(String reason) {
        return new Outcome.Ignored(reason);
    }

    @Test
    void decide_mentionInAMentionOnlyChannel_passes_otherTalkIsIgnored() {
        assertThat(check.decide(message(GENERAL, ALICE, "hi bot", true), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
        assertThat(check.decide(message(GENERAL, ALICE, "hi all", false), new RecordingReplySink()))
                .contains(ignored("not addressed to the bot"));
        assertThat(check.decide(message(GENERAL, ALICE, "/shrug", false), new RecordingReplySink()))
                .contains(ignored("not addressed to the bot"));
    }

    @Test
    void decide_repliesOff_ignoresQuestionsButLetsACommandForTheBotThrough() {
        mode(ReplyMode.OFF);

        assertThat(check.decide(message(GENERAL, ALICE, "hi bot", true), new RecordingReplySink()))
                .contains(ignored("replies are off in this channel"));
        assertThat(check.decide(message(GENERAL, ALICE, "/usage", true), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
    }

    @Test
    void decide_autoReplyChannel_passesEveryMessage() {
        mode(ReplyMode.AUTO_REPLY);

        assertThat(check.decide(message(GENERAL, ALICE, "hi all", false), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
    }

    @Test
    void decide_directMessage_passesWhateverTheChannelsMode() {
        mode(ReplyMode.OFF);
        InboundMessage direct = new InboundMessage("d1", GENERAL, ALICE, "hi", null, false, true,
                Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(check.decide(direct, new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
