/**
 * The little JSON the core writes by hand (it takes no JSON library): text quoted as a JSON string.
 */
@NullMarked
package dev.parley.core.json;

import org.jspecify.annotations.NullMarked;
