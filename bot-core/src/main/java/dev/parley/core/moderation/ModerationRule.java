package dev.parley.core.moderation;

import java.util.List;

/**
 * One named check of the local tier: reads a scanned text and returns what it found, each finding
 * with its reason. Rules are independent; the local tier keeps the highest score per category.
 */
public interface ModerationRule {

    /** A short, stable name for the audit log. */
    String name();

    /** What this rule finds in {@code text}; empty if nothing. */
    List<Finding> check(ScannedText text, Direction direction);
}
