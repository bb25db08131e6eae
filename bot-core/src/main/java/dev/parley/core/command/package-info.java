/** Commands that users and admins type: parsing, permission checks and audited changes. */
@NullMarked
package dev.parley.core.command;

import org.jspecify.annotations.NullMarked;
