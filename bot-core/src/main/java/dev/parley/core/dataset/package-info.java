/**
 * Datasets for fine-tuning made from the feedback on the bot's answers: which exchanges become
 * supervised examples and preference pairs, with their authors pseudonymised, their personal data
 * masked and their text moderated again under today's policy.
 */
@NullMarked
package dev.parley.core.dataset;

import org.jspecify.annotations.NullMarked;
