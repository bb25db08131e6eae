/** Who may use the bot: the operator's served scopes and the wiring of lists, mutes and strikes to the database. */
@NullMarked
package dev.parley.app.access;

import org.jspecify.annotations.NullMarked;
