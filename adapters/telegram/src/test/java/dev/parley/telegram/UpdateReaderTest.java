package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.conversation.InboundMessage;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** How updates, as Telegram sends them, become the core's messages. */
class UpdateReaderTest {

    private static final long BOT_ID = 9000;
    private final UpdateReader reader = new UpdateReader(BOT_ID, "Parley_Bot");

    private static Update update(String messageJson) {
        try {
            return new ObjectMapper().readValue("{\"update_id\":1,\"message\":" + messageJson + "}", Update.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String groupMessage(String text, String entities) {
        return "{\"message_id\":5,\"date\":1700000000,\"chat\":{\"id\":-100,\"type\":\"supergroup\",\"title\":\"G\"},"
                + "\"from\":{\"id\":7,\"is_bot\":false,\"first_name\":\"Ada\",\"username\":\"ada\"},"
                + "\"text\":\"" + text + "\",\"entities\":[" + entities + "]}";
    }

    private InboundMessage text(Update update) {
        UpdateReader.Reading reading = reader.read(update);
        assertThat(reading).isInstanceOf(UpdateReader.Reading.Text.class);
        return ((UpdateReader.Reading.Text) reading).toInbound(false, null);
    }

    @Test
    void mentionOfTheBot_addressesIt_andLeavesTheText() {
        InboundMessage message = text(update(groupMessage("hey @parley_bot  what is  2+2?",
                "{\"type\":\"mention\",\"offset\":4,\"length\":11}")));

        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.directMessage()).isFalse();
        assertThat(message.text()).isEqualTo("hey what is 2+2?");
        assertThat(message.location().scopeId()).isEqualTo("-100");
        assertThat(message.location().channelId()).isEqualTo("-100");
        assertThat(message.messageId()).isEqualTo("-100:5");
        assertThat(message.author().displayName()).isEqualTo("@ada");
    }

    @Test
    void mentionOfSomeoneElse_doesNotAddressTheBot() {
        InboundMessage message = text(update(groupMessage("ask @ada", "{\"type\":\"mention\",\"offset\":4,\"length\":4}")));

        assertThat(message.mentionsBot()).isFalse();
        assertThat(message.text()).isEqualTo("ask @ada");
    }

    @Test
    void commandWithTheBotsName_losesTheName() {
        InboundMessage message = text(update(groupMessage("/reset@Parley_Bot now",
                "{\"type\":\"bot_command\",\"offset\":0,\"length\":17}")));

        assertThat(message.text()).isEqualTo("/reset now");
        assertThat(message.mentionsBot()).isTrue();
    }

    @Test
    void commandForAnotherBot_isSkipped() {
        assertThat(reader.read(update(groupMessage("/reset@echo_bot", "{\"type\":\"bot_command\",\"offset\":0,\"length\":15}"))))
                .isInstanceOf(UpdateReader.Reading.Skip.class);
    }

    @Test
    void forumTopic_becomesTheThread() {
        String json = groupMessage("@parley_bot hi", "{\"type\":\"mention\",\"offset\":0,\"length\":11}")
                .replace("\"message_id\":5,", "\"message_id\":5,\"message_thread_id\":77,\"is_topic_message\":true,");

        assertThat(text(update(json)).location().threadId()).isEqualTo("77");
    }

    @Test
    void replyToTheBot_addressesIt() {
        String json = groupMessage("and then?", "").replace("\"entities\":[]", "\"reply_to_message\":{\"message_id\":4,"
                + "\"date\":1700000000,\"chat\":{\"id\":-100,\"type\":\"supergroup\"},"
                + "\"from\":{\"id\":9000,\"is_bot\":true,\"first_name\":\"Parley\"},\"text\":\"Hi.\"}");

        InboundMessage message = text(update(json));

        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.replyToMessageId()).isEqualTo("-100:4");
    }

    @Test
    void editedMessage_isReadAsAnEditOfTheSameMessage_andAnEditedCaptionIsSkipped() throws Exception {
        Update edit = new ObjectMapper().readValue("{\"update_id\":2,\"edited_message\":"
                + groupMessage("@parley_bot what is 2+3?", "{\"type\":\"mention\",\"offset\":0,\"length\":11}")
                + "}", Update.class);
        Update caption = new ObjectMapper().readValue("{\"update_id\":3,\"edited_message\":"
                + groupMessage("x", "").replace("\"text\":\"x\",", "\"caption\":\"a cat\",") + "}", Update.class);

        UpdateReader.Reading reading = reader.read(edit);

        assertThat(reading).isInstanceOfSatisfying(UpdateReader.Reading.Text.class, text -> {
            assertThat(text.edited()).isTrue();
            assertThat(text.toInbound(false, null).messageId()).isEqualTo("-100:5");
            assertThat(text.toInbound(false, null).text()).isEqualTo("what is 2+3?");
        });
        assertThat(reader.read(caption)).isInstanceOf(UpdateReader.Reading.Skip.class);
    }

    @Test
    void command_hasItsNameInLowerCaseAndItsArgument() {
        UpdateReader.Reading reading = reader.read(update(groupMessage("/Manage@parley_bot  @some_group ",
                "{\"type\":\"bot_command\",\"offset\":0,\"length\":18}")));

        assertThat(reading).isInstanceOfSatisfying(UpdateReader.Reading.Text.class, text -> {
            assertThat(text.commandName()).isEqualTo("manage");
            assertThat(text.commandArgument()).isEqualTo("@some_group");
        });
    }

    @Test
    void groupMessage_carriesTheConversationRootItIsGiven() {
        UpdateReader.Reading reading = reader.read(update(groupMessage("@parley_bot hi",
                "{\"type\":\"mention\",\"offset\":0,\"length\":11}")));

        InboundMessage message = ((UpdateReader.Reading.Text) reading).toInbound(false, "-100:3");

        assertThat(message.conversationRoot()).isEqualTo("-100:3");
        assertThat(message.conversationKey().chainRoot()).isEqualTo("-100:3");
    }
}
