package dev.parley.app.moderate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.moderate.InputLines.Line;
import dev.parley.app.moderate.InputLines.Text;
import dev.parley.app.moderate.InputLines.TooLong;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLinesTest {

    private static List<Line> lines(String input, int maxChars) throws IOException {
        InputLines lines = new InputLines(new StringReader(input), maxChars);
        List<Line> all = new ArrayList<>();
        for (Line line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }

    @Test
    void endsLinesAsBufferedReaderDoes() throws IOException {
        assertThat(lines("a\nb\r\nc\rd", 10))
                .containsExactly(new Text("a"), new Text("b"), new Text("c"), new Text("d"));
        assertThat(lines("a\n\n\r\r\nb\n", 10))
                .containsExactly(new Text("a"), new Text(""), new Text(""), new Text(""), new Text("b"));
        assertThat(lines("", 10)).isEmpty();
    }

    @Test
    void aLineAtTheCapIsKeptAndOneCharacterMoreIsOnlyCounted() throws IOException {
        assertThat(lines("12345\n123456\r\n7", 5))
                .containsExactly(new Text("12345"), new TooLong(6), new Text("7"));
    }

    @Test
    void aLongLineAcrossManyBuffersIsCountedWholeAndTheNextOneReadAfterIt() throws IOException {
        String huge = "y".repeat(100_000);

        assertThat(lines(huge + "\nnext\n" + huge, 1_000))
                .containsExactly(new TooLong(100_000), new Text("next"), new TooLong(100_000));
    }
}
