/** The model the bot runs: its configuration, locating or downloading the file, loading it. */
@NullMarked
package dev.parley.app.model;

import org.jspecify.annotations.NullMarked;
