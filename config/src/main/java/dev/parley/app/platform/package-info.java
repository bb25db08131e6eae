/** Platform adapters' configuration and which adapter runs. */
@NullMarked
package dev.parley.app.platform;

import org.jspecify.annotations.NullMarked;
