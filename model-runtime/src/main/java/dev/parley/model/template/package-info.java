/**
 * A model's own chat template ({@code tokenizer.chat_template}, Jinja) rendered in Java, sandboxed:
 * bounded output and render time, only the given values reachable, one-line errors.
 */
@NullMarked
package dev.parley.model.template;

import org.jspecify.annotations.NullMarked;
