/** Fetches a GGUF model over HTTP(S), resumably, checking it before it is put in place. */
@NullMarked
package dev.parley.model.download;

import org.jspecify.annotations.NullMarked;
