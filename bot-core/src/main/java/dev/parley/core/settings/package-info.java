/** Per-scope and per-channel settings that admins change, and the ports to where they are stored. */
@NullMarked
package dev.parley.core.settings;

import org.jspecify.annotations.NullMarked;
