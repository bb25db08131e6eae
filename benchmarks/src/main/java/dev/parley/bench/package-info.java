/** Benchmarks and measurement harnesses; they print figures and are never run by the test suite. */
@NullMarked
package dev.parley.bench;

import org.jspecify.annotations.NullMarked;
