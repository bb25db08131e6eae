package dev.parley.core.pipeline;

import dev.parley.core.conversation.InboundMessage;
import java.util.Optional;

/**
 * Refuses a text of more than {@link PipelineSettings#maxInputChars()} characters, telling the
 * user the limit. Characters as the user sees them (code points): an emoji is one, not two UTF-16
 * units.
 */
final class LengthLimit implements AdmissionCheck {

    private final int maxInputChars;

    LengthLimit(int maxInputChars) {
        this.maxInputChars = maxInputChars;
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        String text = message.text();
        int characters = text.codePointCount(0, text.length());
        if (characters <= maxInputChars) {
            return PASS;
        }
        String reason = "Your message has " + characters + " characters; I read at most " + maxInputChars + ".";
        sink.notice(new Notice(Notice.Kind.TOO_LONG, reason));
        return Optional.of(new Outcome.TooLong(reason));
    }
}
