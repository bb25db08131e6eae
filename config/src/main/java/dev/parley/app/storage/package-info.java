/** Settings and the audit log in a relational database, migrated by Flyway. */
@NullMarked
package dev.parley.app.storage;

import org.jspecify.annotations.NullMarked;
