package dev.parley.core.moderation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one scope moderates: what to do with each category and from which score, the directions
 * moderated, terms blocked or allowed on top of the providers, roles whose messages are not
 * moderated, what to do when a provider fails, the notices users see, and how blocks are reported.
 *
 * @param categories every category's setting; a missing one is {@link #DEFAULT_CATEGORIES}' setting
 * @param blockedTerms terms that block a text whatever the providers say (category {@code custom})
 * @param allowedTerms terms taken out of the text before the local tier scores it, for
 *     communities whose ordinary words a lexicon would flag
 * @param exemptRoles roles whose authors' prompts are not moderated (replies to them still are)
 * @param reporting where blocks are reported besides the audit log, and with how much of the text
 * @param selfHarmNotice the notice for a prompt blocked for self-harm: support and help resources
 *     instead of the input notice
 */
public record ModerationPolicy(
        Map<Category, CategorySetting> categories,
        Set<Direction> directions,
        TermList blockedTerms,
        TermList allowedTerms,
        Set<String> exemptRoles,
        FailureMode onFailure,
        String inputNotice,
        String outputNotice,
        String unavailableNotice,
        BlockReporting reporting,
        String selfHarmNotice) {

    /** The category reported when a custom blocked term matches. */
    public static final String CUSTOM_CATEGORY = "custom";

    /** The category reported when a provider failed under {@link FailureMode#FAIL_CLOSED}. */
    public static final String UNAVAILABLE_CATEGORY = "unavailable";

    /** The categories whose blocked prompts get {@link #selfHarmNotice} (OpenAI's names). */
    public static final Set<String> SELF_HARM_CATEGORIES = Set.of(Category.SELF_HARM.apiName(),
            Category.SELF_HARM_INTENT.apiName(), Category.SELF_HARM_INSTRUCTIONS.apiName());

    /** The default threshold of every category. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * The settings a scope starts from: severe categories ({@link Category#severe()}) blocked from a
     * score of 0.5, every other category flagged from 0.5.
     */
    public static final Map<Category, CategorySetting> DEFAULT_CATEGORIES = defaultCategories();

    public ModerationPolicy {
        Map<Category, CategorySetting> complete = new EnumMap<>(DEFAULT_CATEGORIES);
        complete.putAll(categories);
        complete.values().forEach(Objects::requireNonNull);
        categories = Collections.unmodifiableMap(complete); // an EnumMap: setting(category) reads an array, per text
        directions = Set.copyOf(directions);
        Objects.requireNonNull(blockedTerms, "blockedTerms");
        Objects.requireNonNull(allowedTerms, "allowedTerms");
        exemptRoles = Set.copyOf(exemptRoles);
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(inputNotice, "inputNotice");
        Objects.requireNonNull(outputNotice, "outputNotice");
        Objects.requireNonNull(unavailableNotice, "unavailableNotice");
        Objects.requireNonNull(reporting, "reporting");
        Objects.requireNonNull(selfHarmNotice, "selfHarmNotice");
    }

    /** A policy whose blocks go to the audit log only, as hashes, with the standard self-harm notice. */
    public ModerationPolicy(Map<Category, CategorySetting> categories, Set<Direction> directions, TermList blockedTerms,
            TermList allowedTerms, Set<String> exemptRoles, FailureMode onFailure, String inputNotice,
            String outputNotice, String unavailableNotice) {
        this(categories, directions, blockedTerms, allowedTerms, exemptRoles, onFailure, inputNotice, outputNotice,
                unavailableNotice, BlockReporting.NONE, ModerationDefaults.SELF_HARM_NOTICE);
    }

    /**
     * A policy with the default categories, failing open, no exempt roles and no allowed terms:
     * what tests and simple set-ups need.
     */
    public static ModerationPolicy of(TermList blockedTerms, Set<Direction> directions, String inputNotice,
            String outputNotice) {
        return new ModerationPolicy(Map.of(), directions, blockedTerms, TermList.EMPTY, Set.of(),
                FailureMode.FAIL_OPEN, inputNotice, outputNotice, inputNotice);
    }

    /** The notice a user sees when text in {@code direction} is blocked. */
    public String notice(Direction direction) {
        return direction == Direction.INPUT ? inputNotice : outputNotice;
    }

    /**
     * The notice a user sees for {@code block}: the unavailable notice if a provider failed, the
     * self-harm notice if their own prompt was blocked for self-harm.
     */
    public String notice(Direction direction, Verdict.Block block) {
        if (block.category().equals(UNAVAILABLE_CATEGORY)) {
            return unavailableNotice;
        }
        if (direction == Direction.INPUT && SELF_HARM_CATEGORIES.contains(block.category())) {
            return selfHarmNotice;
        }
        return notice(direction);
    }

    /** The setting of {@code category}. */
    public CategorySetting setting(Category category) {
        return categories.get(category);
    }

    /** Whether an author with {@code roles} is exempt from input moderation. */
    public boolean exempts(Collection<String> roles) {
        for (String role : roles) {
            if (exemptRoles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** This policy with {@code category} set to {@code setting}. */
    public ModerationPolicy with(Category category, CategorySetting setting) {
        Map<Category, CategorySetting> next = new EnumMap<>(categories);
        next.put(category, setting);
        return new ModerationPolicy(next, directions, blockedTerms, allowedTerms, exemptRoles, onFailure,
                inputNotice, outputNotice, unavailableNotice, reporting, selfHarmNotice);
    }

    /** This policy failing as {@code mode} says when a provider fails. */
    public ModerationPolicy failing(FailureMode mode) {
        return new ModerationPolicy(categories, directions, blockedTerms, allowedTerms, exemptRoles, mode,
                inputNotice, outputNotice, unavailableNotice, reporting, selfHarmNotice);
    }

    /** This policy with {@code terms} taken out of texts before scoring. */
    ModerationPolicy allowing(TermList terms) {
        return new ModerationPolicy(categories, directions, blockedTerms, terms, exemptRoles, onFailure,
                inputNotice, outputNotice, unavailableNotice, reporting, selfHarmNotice);
    }

    private static Map<Category, CategorySetting> defaultCategories() {
        Map<Category, CategorySetting> map = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            map.put(category, new CategorySetting(
                    category.severe() ? CategoryAction.BLOCK : CategoryAction.FLAG, DEFAULT_THRESHOLD));
        }
        return Map.copyOf(map);
    }
}
