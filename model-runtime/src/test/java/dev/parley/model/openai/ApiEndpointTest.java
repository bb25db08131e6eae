package dev.parley.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiEndpointTest {

    @Test
    void root_dropsTrailingSlashesAndV1() {
        assertThat(ApiEndpoint.root(URI.create("http://127.0.0.1:8080/v1/"), "baseUrl"))
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(ApiEndpoint.root(URI.create("https://api.example.com/proxy//"), "baseUrl"))
                .isEqualTo(URI.create("https://api.example.com/proxy"));
    }

    @Test
    void root_refusesOtherSchemesAndMissingHostsNamingTheSetting() {
        assertThatThrownBy(() -> ApiEndpoint.root(URI.create("ftp://example.com"), "baseUrl"))
                .hasMessage("baseUrl must be an http or https URL with a host, was ftp://example.com");
        assertThatThrownBy(() -> ApiEndpoint.root(URI.create("localhost:8080"), "the endpoint"))
                .hasMessageStartingWith("the endpoint must be an http or https URL with a host");
    }

    @Test
    void root_refusesAQueryOrFragment() {
        assertThatThrownBy(() -> ApiEndpoint.root(URI.create("http://example.com/?key=1"), "baseUrl"))
                .hasMessage("baseUrl must have no query or fragment, was http://example.com/?key=1");
        assertThatThrownBy(() -> ApiEndpoint.root(URI.create("http://example.com/#top"), "baseUrl"))
                .hasMessageContaining("no query or fragment");
    }

    @Test
    void checkApiKey_allowsNoKeyAndPrintableAsciiOnly() {
        assertThatCode(() -> ApiEndpoint.checkApiKey(null, "apiKey")).doesNotThrowAnyException();
        assertThatCode(() -> ApiEndpoint.checkApiKey("sk-abc_123", "apiKey")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiEndpoint.checkApiKey("sk abc", "apiKey"))
                .hasMessage("apiKey must be printable ASCII without spaces (or absent)");
        assertThatThrownBy(() -> ApiEndpoint.checkApiKey(" ", "the key")).hasMessageStartingWith("the key must be");
        assertThatThrownBy(() -> ApiEndpoint.checkApiKey("clé", "apiKey")).isInstanceOf(IllegalArgumentException.class);
    }
}
