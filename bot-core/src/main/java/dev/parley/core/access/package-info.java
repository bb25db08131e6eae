/**
 * Who may use the bot: the operator's served scopes, each scope's block and allow lists, mutes,
 * and strikes that turn repeated blocked prompts into a mute.
 */
@NullMarked
package dev.parley.core.access;

import org.jspecify.annotations.NullMarked;
