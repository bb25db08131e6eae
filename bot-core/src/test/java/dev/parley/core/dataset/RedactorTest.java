package dev.parley.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("Maria Souza", "João", "Bob"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # English
            ping <@123456789012345678> please                | ping [user] please
            ping <@!123456789012345678> please               | ping [user] please
            see <#987654321098765432> for rules              | see [channel] for rules
            ask <@&555555555555555555> for help              | ask [role] for help
            ask @alice_smith on Telegram                     | ask [user] on Telegram
            write to bob.jones+work@example.com today        | write to [email] today
            call me at +1 (555) 123-4567 tonight             | call me at [phone] tonight
            call me at (555) 123-4567                        | call me at [phone]
            or 555-123-4567, or 555.123.4567                 | or [phone], or [phone]
            my cell is 5551234567                            | my cell is [phone]
            UK: +44 20 7946 0958                             | UK: [phone]
            the docs are at https://example.com/a?b=1.       | the docs are at [url].
            visit www.example.org/path or discord.gg/abcd    | visit [url] or [url]
            my server is 192.168.0.12                        | my server is [ip]
            thanks Bob, and thanks bob!                      | thanks [user], and thanks [user]!
            ask Maria Souza about it                         | ask [user] about it
            # Portuguese
            fala com o @joao_silva no grupo                  | fala com o [user] no grupo
            meu e-mail é joão.silva@exemplo.com.br           | meu e-mail é [email]
            me liga no (11) 98765-4321 depois                | me liga no [phone] depois
            ou no 11 98765-4321                              | ou no [phone]
            celular 11987654321                              | celular [phone]
            fixo 3456-7890 ou +55 11 3456-7890               | fixo [phone] ou [phone]
            em Portugal: +351 912 345 678                    | em Portugal: [phone]
            ou 912 345 678 sem indicativo                    | ou [phone] sem indicativo
            Lisboa fixo: 21 123 4567                         | Lisboa fixo: [phone]
            meu CPF é 123.456.789-09                         | meu CPF é [id]
            o site é t.me/meucanal                           | o site é [url]
            obrigado, João!                                  | obrigado, [user]!
            """)
    void redact_masksPersonalData(String text, String expected) {
        assertThat(redactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "pi is 3.14 and e is 2.71828",
        "in 2025 and 2026 we grew 12%",
        "from 2019-2024 it rose",
        "the meeting is at 10:30, or 14:45:10",
        "it costs $1,299.99 or €12.50",
        "custa R$ 1.500,00 ou R$ 49,90 por mês",
        "a reunião é às 10h30 do dia 06/12/2026",
        "deadline 2026-12-06, or 06.12.2026",
        "order 1234567 shipped",
        "a Bobcat is not Bob's cat", // "Bob" only as a whole word
        "use `@Override` and `java.util.List`",
        "```java\n@Override\npublic int size() { return 12345678; }\n```",
        "call obj.method() in node.js or file.py",
        "version 1.2.3 is out",
        "o resultado é 42 e a média 7,5",
        "send an email to the support team", // the word, not an address
        "meet @ noon",
    })
    void redact_leavesOrdinaryTextAlone(String text) {
        String redacted = new Redactor(List.of("Bob")).redact(text);

        assertThat(redacted).isEqualTo(text.replace("Bob's", "[user]'s"));
    }

    @Test
    void redact_masksAddressesInsideCodeToo() {
        assertThat(redactor.redact("`curl https://example.com/x -u me@example.com`"))
                .isEqualTo("`curl [url] -u [email]`");
    }

    @Test
    void redact_withoutNames_leavesNamesInPlainText() {
        // names are masked only when the export knows them: documented, not guessed
        assertThat(new Redactor().redact("thanks Maria")).isEqualTo("thanks Maria");
    }

    @Test
    void redact_prefersTheLongestKnownName() {
        assertThat(new Redactor(List.of("Ana", "Ana Paula")).redact("oi Ana Paula e Ana"))
                .isEqualTo("oi [user] e [user]");
    }

    @Test
    void constructor_skipsOneLetterNames() {
        assertThat(new Redactor(List.of("a", " ")).redact("a cat")).isEqualTo("a cat");
    }
}
