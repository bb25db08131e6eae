package dev.parley.core.modelswap;

/**
 * Hears what {@link HotSwap} did, for meters and logs. Called on the thread of the command; must
 * return quickly.
 */
public interface SwapEvents {

    /** {@code next} now takes new requests; {@code previous} finishes its replies, then closes. */
    void switched(LoadedModel previous, LoadedModel next);

    /** A candidate failed a check and the serving model stayed. */
    void refused(ModelSpec candidate, String reason);

    /** Events that go nowhere. */
    SwapEvents NONE = new SwapEvents() {
        @Override
        public void switched(LoadedModel previous, LoadedModel next) {}

        @Override
        public void refused(ModelSpec candidate, String reason) {}
    };
}
