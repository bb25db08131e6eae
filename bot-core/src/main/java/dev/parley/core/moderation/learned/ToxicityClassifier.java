package dev.parley.core.moderation.learned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The learned Portuguese toxicity classifier of the local tier: insults and attacks on people or
 * groups that a word list misses because they are written in ordinary words. It answers for
 * text that does not read as English, and says nothing otherwise.
 *
 * <p>The standard model is trained by {@code TrainClassifier} on the part of ToLD-Br (Leite et
 * al., 2020; CC BY-SA 4.0) that the evaluation never measures on; see the resource's README.
 */
public final class ToxicityClassifier {

    /** Where the standard model is, on the class path. */
    public static final String STANDARD_MODEL = "/dev/parley/core/moderation/learned/pt-toxicity.plm";

    private final LinearModel model;
    private final LanguageCues language;

    /** A classifier over {@code model}, asked only about text {@code language} does not call English. */
    public ToxicityClassifier(LinearModel model, LanguageCues language) {
        this.model = model;
        this.language = language;
    }

    /** The classifier with Parley's shipped model. */
    public static ToxicityClassifier standard() {
        try (InputStream in = ToxicityClassifier.class.getResourceAsStream(STANDARD_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the toxicity model " + STANDARD_MODEL + " is not on the class path");
            }
            return new ToxicityClassifier(LinearModel.read(in), new LanguageCues());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the toxicity model " + STANDARD_MODEL, e);
        }
    }

    /**
     * The probability that {@code normalised} is toxic, where 0.5 is the trained decision point,
     * or -1 when the text reads as English and the classifier has nothing to say.
     */
    public double score(CharSequence normalised) {
        return language.readsAsEnglish(normalised) ? -1 : model.probability(normalised);
    }

    /** The model behind this classifier. */
    public LinearModel model() {
        return model;
    }
}
