package dev.parley.model.template;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import org.jspecify.annotations.Nullable;

/**
 * The string methods Hugging Face templates call as in Python ({@code .strip()},
 * {@code .startswith()}, {@code .split()}...), which jinjava does not have. Every other method
 * call on a string is refused: Java's own ({@code repeat}, {@code getBytes}...) are not for a
 * template from a model file.
 */
final class PythonStringMethods extends ELResolver {

    private final long maxStringLength;

    PythonStringMethods(long maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    @Override
    public @Nullable Object invoke(ELContext context, @Nullable Object base, Object method, Class<?> @Nullable [] paramTypes,
            Object @Nullable [] params) {
        if (!(base instanceof String text)) {
            return null;
        }
        context.setPropertyResolved(true);
        Object[] args = params == null ? new Object[0] : params;
        String name = String.valueOf(method);
        Object result = switch (name) {
            case "strip" -> strip(text, arg(args, 0), true, true);
            case "lstrip" -> strip(text, arg(args, 0), true, false);
            case "rstrip" -> strip(text, arg(args, 0), false, true);
            case "startswith" -> anyOf(args, text::startsWith);
            case "endswith" -> anyOf(args, text::endsWith);
            case "split" -> split(text, arg(args, 0), args.length > 1 ? toInt(args[1]) : -1);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "title" -> title(text);
            case "capitalize" -> text.isEmpty() ? text
                    : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(text, String.valueOf(args[0]), String.valueOf(args[1]));
            case "find" -> text.indexOf(String.valueOf(args[0]));
            case "count" -> count(text, String.valueOf(args[0]));
            case "join" -> join(text, args[0]);
            case "splitlines" -> List.of(text.split("\r?\n", -1));
            case "isspace" -> !text.isEmpty() && text.isBlank();
            default -> throw new ChatTemplateException("strings have no method " + name + "() in a chat template");
        };
        return result;
    }

    private static @Nullable String arg(Object[] args, int index) {
        return args.length > index && args[index] != null ? String.valueOf(args[index]) : null;
    }

    private static String strip(String text, @Nullable String chars, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && stripped(text.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && stripped(text.charAt(end - 1), chars)) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean stripped(char c, @Nullable String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static boolean anyOf(Object[] args, java.util.function.Predicate<String> test) {
        if (args.length == 0) {
            throw new ChatTemplateException("startswith/endswith need an argument");
        }
        if (args[0] instanceof Collection<?> options) {
            return options.stream().anyMatch(option -> test.test(String.valueOf(option)));
        }
        return test.test(String.valueOf(args[0]));
    }

    /** Python's split: on runs of whitespace without a separator, else on the literal separator. */
    private static List<String> split(String text, @Nullable String separator, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            for (String part : text.strip().split("\\s+", maxSplit < 0 ? 0 : maxSplit + 1)) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw new ChatTemplateException("split() got an empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return out.toString();
    }

    private String replace(String text, String target, String replacement) {
        // bounded before it is built: replace("", "x") on a long text multiplies it
        long occurrences = target.isEmpty() ? text.length() + 1L : count(text, target);
        if (text.length() + occurrences * (replacement.length() - target.length()) > maxStringLength) {
            throw new ChatTemplateException("replace() would build a string longer than " + maxStringLength + " characters");
        }
        return text.replace(target, replacement);
    }

    private static int count(String text, String target) {
        if (target.isEmpty()) {
            return text.length() + 1;
        }
        int count = 0;
        for (int at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + target.length())) {
            count++;
        }
        return count;
    }

    private String join(String separator, Object items) {
        if (!(items instanceof Iterable<?> iterable)) {
            throw new ChatTemplateException("join() needs a list");
        }
        StringBuilder out = new StringBuilder();
        for (Object item : iterable) {
            if (!out.isEmpty()) {
                out.append(separator);
            }
            out.append(item);
            if (out.length() > maxStringLength) {
                throw new ChatTemplateException("join() would build a string longer than " + maxStringLength + " characters");
            }
        }
        return out.toString();
    }

    private static int toInt(Object value) {
        return value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value));
    }

    // reading properties is left to jinjava's own resolvers

    @Override
    public @Nullable Object getValue(ELContext context, @Nullable Object base, Object property) {
        return null;
    }

    @Override
    public @Nullable Class<?> getType(ELContext context, @Nullable Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, @Nullable Object base, Object property, Object value) {
        // never resolves: jinjava's resolvers decide
    }

    @Override
    public boolean isReadOnly(ELContext context, @Nullable Object base, Object property) {
        return true;
    }

    @Override
    public @Nullable Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, @Nullable Object base) {
        return null;
    }

    @Override
    public @Nullable Class<?> getCommonPropertyType(ELContext context, @Nullable Object base) {
        return base instanceof String ? Object.class : null;
    }
}
