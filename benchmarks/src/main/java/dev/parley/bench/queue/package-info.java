/** Load on the whole pipeline in front of a model stand-in: nothing lost, nothing answered twice, fair shares. */
@NullMarked
package dev.parley.bench.queue;

import org.jspecify.annotations.NullMarked;
