/** A small JSON reader and writer for the fake platform servers, free of any JSON library. */
@NullMarked
package dev.parley.testkit.json;

import org.jspecify.annotations.NullMarked;
