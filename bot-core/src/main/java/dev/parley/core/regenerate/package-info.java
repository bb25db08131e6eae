/**
 * The <em>Regenerate</em> button of #19: which finished answers offer it, who may press it, and
 * what a press claims (one regeneration of an answer at a time). The pipeline answers a claimed
 * press again and tells {@link dev.parley.core.regenerate.RegenerableAnswers} when the new answer
 * is shown, which then has the platform remove the one it replaced. Platforms show and remove
 * buttons and messages behind the {@link dev.parley.core.regenerate.AnswerButtons} port.
 */
@NullMarked
package dev.parley.core.regenerate;

import org.jspecify.annotations.NullMarked;
