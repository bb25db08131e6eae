package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.learned.TextEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encoder vectors of texts, kept in a file between runs: encoding 80,000 texts takes minutes, and
 * training runs many times. Keyed by the encoder's name and the SHA-256 of the text, so a cached
 * vector is only reused for the same text under the same model. The file holds vectors, never texts.
 */
final class EmbeddingStore {

    private final Path file;
    private final TextEncoder encoder;
    private final Map<String, float[]> vectors = new HashMap<>();

    EmbeddingStore(Path file, TextEncoder encoder) throws IOException {
        this.file = file;
        this.encoder = encoder;
        if (Files.exists(file)) {
            dropPartialRecord();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                read(in);
            }
        }
    }

    /** A run stopped while writing leaves part of a record at the end: cut it, so reading and appending line up. */
    private void dropPartialRecord() throws IOException {
        long record = 32 + 4L * encoder.dimension();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long whole = channel.size() - channel.size() % record;
            if (whole != channel.size()) {
                System.out.printf("%s ends in part of a vector (a stopped run): cut from %,d to %,d bytes%n",
                        file, channel.size(), whole);
                channel.truncate(whole);
            }
        }
    }

    private void read(DataInputStream in) throws IOException {
        byte[] key = new byte[32];
        while (true) {
            try {
                in.readFully(key);
            } catch (EOFException end) {
                return;
            }
            float[] vector = new float[encoder.dimension()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = in.readFloat();
            }
            vectors.put(HexFormat.of().formatHex(key), vector);
        }
    }

    /** The vectors of {@code texts}, in order, encoding on {@code threads} threads what is not stored yet. */
    List<float[]> vectors(List<String> texts, int threads) throws IOException, InterruptedException {
        Map<String, String> missing = new HashMap<>();
        for (String text : texts) {
            String key = key(text);
            if (!vectors.containsKey(key)) {
                missing.putIfAbsent(key, text);
            }
        }
        if (!missing.isEmpty()) {
            encode(missing, threads);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(vectors.get(key(text)));
        }
        return out;
    }

    private void encode(Map<String, String> missing, int threads) throws IOException, InterruptedException {
        System.out.printf("encoding %,d texts not in %s on %d threads...%n", missing.size(), file, threads);
        List<Map.Entry<String, String>> work = new ArrayList<>(missing.entrySet());
        work.sort(Map.Entry.comparingByKey()); // the same order every run
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
                OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            int batch = 2_000;
            for (int from = 0; from < work.size(); from += batch) {
                List<Map.Entry<String, String>> part = work.subList(from, Math.min(work.size(), from + batch));
                List<Future<float[]>> futures = new ArrayList<>(part.size());
                for (Map.Entry<String, String> entry : part) {
                    futures.add(pool.submit(() -> encoder.encode(entry.getValue())));
                }
                for (int i = 0; i < part.size(); i++) {
                    float[] vector;
                    try {
                        vector = futures.get(i).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IOException("the encoder failed", e.getCause());
                    }
                    String key = part.get(i).getKey();
                    vectors.put(key, vector);
                    out.write(HexFormat.of().parseHex(key));
                    for (float v : vector) {
                        out.writeFloat(v);
                    }
                }
                out.flush();
                System.out.printf("  %,d of %,d%n", Math.min(work.size(), from + batch), work.size());
            }
        }
    }

    private String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encoder.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
