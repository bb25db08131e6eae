/** The review queue wired to the database and to the adapters that post reports and notices. */
@NullMarked
package dev.parley.app.review;

import org.jspecify.annotations.NullMarked;
