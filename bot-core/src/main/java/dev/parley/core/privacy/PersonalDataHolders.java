package dev.parley.core.privacy;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store that holds rows about users, in the order an export lists them: {@code /export} and
 * {@code /forget me} walk this list. A store that fails does not stop the others; it is named in
 * the result, so that nobody is told their data is gone (or complete) when it is not.
 */
public final class PersonalDataHolders {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataHolders.class);

    private final List<PersonalData> holders;
    private final InstantSource clock;

    public PersonalDataHolders(List<PersonalData> holders, InstantSource clock) {
        this.holders = List.copyOf(holders);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The subject's rows in every store. */
    public PersonalDataExport export(DataSubject subject) {
        List<ExportSection> sections = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (PersonalData holder : holders) {
            try {
                sections.add(holder.export(subject));
            } catch (RuntimeException e) {
                LOG.warn("scope={} could not export section {}: {}", subject.scope(),
                        holder.section(), e.toString());
                unreadable.add(holder.section());
            }
        }
        return new PersonalDataExport(subject, clock.instant(), sections, unreadable);
    }

    /** Deletes the subject's rows in every store, except what each keeps on purpose. */
    public ForgetReport forget(DataSubject subject) {
        List<Erasure> erasures = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (PersonalData holder : holders) {
            try {
                erasures.add(holder.forget(subject));
            } catch (RuntimeException e) {
                LOG.warn("scope={} could not forget section {}: {}", subject.scope(),
                        holder.section(), e.toString());
                failed.add(holder.section());
            }
        }
        return new ForgetReport(erasures, failed);
    }
}
