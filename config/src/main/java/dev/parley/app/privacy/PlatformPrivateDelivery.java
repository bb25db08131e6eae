package dev.parley.app.privacy;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.PrivateDelivery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each private file through the adapter of the user's platform. Adapters register once they
 * are built; a platform without one (the console) has no private chat to send to.
 */
public final class PlatformPrivateDelivery implements PrivateDelivery {

    private final Map<Platform, PrivateDelivery> byPlatform = new ConcurrentHashMap<>();

    /** Routes the private files of {@code platform} to {@code delivery}. */
    public void register(Platform platform, PrivateDelivery delivery) {
        byPlatform.put(platform, delivery);
    }

    @Override
    public Outcome send(Platform platform, Author user, ExportFile file) {
        PrivateDelivery delivery = byPlatform.get(platform);
        return delivery == null ? Outcome.UNSUPPORTED : delivery.send(platform, user, file);
    }
}
