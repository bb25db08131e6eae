/** Per-scope settings that admins change, and the port to where they are stored. */
@NullMarked
package dev.parley.core.settings;

import org.jspecify.annotations.NullMarked;
