/** Running the bot in production: metrics of the pipeline, model health, graceful shutdown, secrets files. */
@NullMarked
package dev.parley.app.operations;

import org.jspecify.annotations.NullMarked;
