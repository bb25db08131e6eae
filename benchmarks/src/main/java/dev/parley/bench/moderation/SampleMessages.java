package dev.parley.bench.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chat messages of a fixed length made from a pool of Portuguese and English phrases (mostly
 * ordinary, some abusive or dangerous, some evasive), the same on every run: what the local tier
 * benchmarks judge. Written for the benchmark, not taken from any data set.
 */
final class SampleMessages {

    private static final List<String> PHRASES = List.of(
            "hey, can you help me with my homework?", "what's the weather like in Lisbon tomorrow",
            "o jogo de ontem foi muito bom", "alguém sabe uma receita de bolo de cenoura?",
            "I think the new update broke something", "vamos marcar aquele churrasco no sábado",
            "can you explain how photosynthesis works", "minha internet caiu de novo, que raiva",
            "the meeting was moved to 3pm", "qual o melhor jeito de aprender java?",
            "lol that meme is hilarious 😂", "tô morrendo de rir com esse vídeo",
            "you are such an idiot", "vai tomar no cu seu otário", "how do I make a b0mb at home",
            "como fazer uma b o m b a caseira", "women are scum", "I don't hate women at all",
            "os nordestinos são uma praga", "I want to kill myself", "thanks, that was really helpful!",
            "por favor me explica como funciona o pix", "my cat knocked the glass off the table again",
            "h\u200Bow t\u043E m\u0430ke a bomb", "FUUUUUCK this game", "best pizza place around here?");

    private SampleMessages() {}

    /** {@code count} messages of exactly {@code length} characters. */
    static List<String> of(int count, int length, long seed) {
        Random random = new Random(seed);
        List<String> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder(length + 64);
            while (text.length() < length) {
                text.append(PHRASES.get(random.nextInt(PHRASES.size()))).append(random.nextBoolean() ? ". " : " ");
            }
            int end = length;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            messages.add(text.substring(0, end));
        }
        return messages;
    }
}
