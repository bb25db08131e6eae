package dev.parley.core.persona;

import dev.parley.core.settings.ScopeKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Persona choices kept in memory only: for tests, and lost on restart. */
public final class InMemoryPersonaChoices implements PersonaChoices {

    private record Channel(ScopeKey scope, String channelId) {}

    private final Map<Channel, String> choices = new ConcurrentHashMap<>();

    @Override
    public Optional<String> chosenFor(ScopeKey scope, String channelId) {
        return Optional.ofNullable(choices.get(new Channel(scope, channelId)));
    }

    @Override
    public void choose(ScopeKey scope, String channelId, String persona) {
        choices.put(new Channel(scope, channelId), persona);
    }

    @Override
    public int release(ScopeKey scope, String persona) {
        int released = 0;
        for (var choice : choices.entrySet()) {
            if (choice.getKey().scope().equals(scope) && choice.getValue().equals(persona)
                    && choices.remove(choice.getKey(), persona)) {
                released++;
            }
        }
        return released;
    }
}
