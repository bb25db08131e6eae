package dev.parley.model.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The global functions Hugging Face chat templates call, as jinjava function targets: they must
 * be static, so the render's clock reaches {@code strftime_now} through the template's own values.
 */
final class TemplateFunctions {

    /** The binding that holds the render's current time; not a name any template uses. */
    static final String NOW = "__parley_now";

    private TemplateFunctions() {}

    /** {@code raise_exception(message)}: the template refuses the conversation. */
    public static Object raiseException(Object message) {
        throw new ChatTemplateException("the chat template raised: " + message);
    }

    /** {@code strftime_now(format)}: the current date in Python's strftime format. */
    public static String strftimeNow(String format) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        Object now = interpreter == null ? null : interpreter.getContext().get(NOW);
        if (!(now instanceof ZonedDateTime time)) {
            throw new ChatTemplateException("strftime_now has no clock");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char code = format.charAt(++i);
            out.append(switch (code) {
                case 'd' -> pattern(time, "dd");
                case '-' -> i + 1 < format.length() && format.charAt(++i) == 'd' ? pattern(time, "d") : "";
                case 'b' -> pattern(time, "MMM");
                case 'B' -> pattern(time, "MMMM");
                case 'm' -> pattern(time, "MM");
                case 'Y' -> pattern(time, "yyyy");
                case 'y' -> pattern(time, "yy");
                case 'H' -> pattern(time, "HH");
                case 'M' -> pattern(time, "mm");
                case 'S' -> pattern(time, "ss");
                case 'a' -> pattern(time, "EEE");
                case 'A' -> pattern(time, "EEEE");
                case '%' -> "%";
                default -> "%" + code;
            });
        }
        return out.toString();
    }

    private static String pattern(ZonedDateTime time, String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(time);
    }
}
