/** The {@code parley dataset export} mode: the stored feedback written as fine-tuning files. */
@NullMarked
package dev.parley.app.dataset;

import org.jspecify.annotations.NullMarked;
