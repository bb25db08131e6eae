package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.ratelimit.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class PacedCallTest {

    private final List<String> givenUp = new ArrayList<>();

    private static TelegramApiRequestException answered(int code, Integer retryAfter) {
        return new TelegramApiRequestException("error", new ApiResponse<>(false, code, "Bad Request: chat not found",
                retryAfter == null ? null : new ResponseParameters(null, retryAfter), null));
    }

    @Test
    void send_aCallThatSucceedsIsSent() {
        assertThat(new PacedCall(() -> { }, 3, givenUp::add).send()).isInstanceOf(SendResult.Sent.class);
        assertThat(givenUp).isEmpty();
    }

    @Test
    void send_a429WaitsThePauseTelegramAsksFor() {
        PacedCall call = new PacedCall(() -> {
            throw answered(429, 7);
        }, 1, givenUp::add);

        assertThat(call.send()).isEqualTo(new SendResult.RetryAfter(Duration.ofSeconds(7), false));
        assertThat(givenUp).isEmpty();
    }

    @Test
    void send_aNetworkFailureIsTriedAgainUntilTheAttemptsAreUsed() {
        PacedCall call = new PacedCall(() -> {
            throw new TelegramApiException("connection reset");
        }, 3, givenUp::add);

        assertThat(call.send()).isInstanceOf(SendResult.RetryAfter.class);
        assertThat(call.send()).isInstanceOf(SendResult.RetryAfter.class);
        assertThat(call.send()).isInstanceOf(SendResult.Failed.class);
        assertThat(givenUp).singleElement().asString().contains("connection reset");
    }

    @Test
    void send_aRefusalIsGivenUpAtOnce() {
        PacedCall call = new PacedCall(() -> {
            throw answered(400, null);
        }, 3, givenUp::add);

        assertThat(call.send()).isInstanceOf(SendResult.Failed.class);
        assertThat(givenUp).containsExactly("400 Bad Request: chat not found");
    }
}
