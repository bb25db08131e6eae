package dev.parley.core.privacy;

/**
 * The port every store that holds rows about a user implements, so that {@code /export} can show
 * them and {@code /forget me} delete them: history, usage, access lists, feedback, later the review
 * queue. Both act on one scope only. A store adds itself by being listed in
 * {@link PersonalDataHolders}; nothing else needs to change.
 */
public interface PersonalData {

    /**
     * What a forgotten user's id is replaced with where a row must stay but need not say who (the
     * audit log's own entries of theirs).
     */
    String ANONYMOUS_ID = "forgotten";

    /** The name of this store's section in an export and in a report, such as {@code conversation}. */
    String section();

    /** The subject's rows in this store, as one section of the export. */
    ExportSection export(DataSubject subject);

    /**
     * Deletes (or makes anonymous) the subject's rows in this store, except what it documents it
     * keeps; returns what it did. Must be safe to run again.
     */
    Erasure forget(DataSubject subject);
}
