/**
 * A small learned classifier for the local moderation tier: a linear model over hashed character
 * and word n-grams, trained offline by {@code dev.parley.bench.moderation.TrainClassifier} and
 * shipped as a resource. It knows nothing of categories or policies; the local tier turns its
 * probability into a finding.
 */
@NullMarked
package dev.parley.core.moderation.learned;

import org.jspecify.annotations.NullMarked;
