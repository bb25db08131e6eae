/**
 * A user's own data: what each store holds about them ({@link dev.parley.core.privacy.PersonalData}),
 * the list the commands walk ({@link dev.parley.core.privacy.PersonalDataHolders}), the JSON file
 * {@code /export} sends and the port that sends it privately, and the confirmation {@code /forget me} asks for.
 */
@NullMarked
package dev.parley.core.privacy;

import org.jspecify.annotations.NullMarked;
