package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: HELLO, heartbeat ACKs, IDENTIFY answered with READY and a GUILD_CREATE per guild,
 * numbered dispatches kept per session so that RESUME replays what a client missed, and
 * deliberate disconnects for tests.
 */
final class Gateway extends WebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    static final int OP_DISPATCH = 0;
    static final int OP_HEARTBEAT = 1;
    static final int OP_IDENTIFY = 2;
    static final int OP_RESUME = 6;
    static final int OP_RECONNECT = 7;
    static final int OP_INVALID_SESSION = 9;
    static final int OP_HELLO = 10;
    static final int OP_HEARTBEAT_ACK = 11;

    /** A gateway session: survives its connection so that a client can resume it. */
    static final class Session {
        final String id = UUID.randomUUID().toString().replace("-", "");
        final int shardId;
        final int shardCount;
        final List<String> dispatched = new ArrayList<>();
        @Nullable WebSocket connection;

        Session(int shardId, int shardCount) {
            this.shardId = shardId;
            this.shardCount = shardCount;
        }

        boolean receives(long guildId) {
            return guildId == 0 ? shardId == 0 : (int) ((guildId >>> 22) % shardCount) == shardId;
        }

        synchronized void dispatch(String type, Object data) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("op", OP_DISPATCH);
            frame.put("t", type);
            frame.put("s", dispatched.size() + 1);
            frame.put("d", data);
            String text = Json.write(frame);
            dispatched.add(text);
            send(connection, text);
        }
    }

    /** What the server side supplies: the READY contents and the state to announce. */
    interface World {
        String token();

        Map<String, Object> botUserJson();

        long applicationId();

        List<FakeGuild> guilds();

        String gatewayUrl();

        void changed();
    }

    private final World world;
    private final int heartbeatIntervalMillis;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<WebSocket, Session> byConnection = new ConcurrentHashMap<>();
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    Gateway(World world, int heartbeatIntervalMillis) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.world = world;
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake gateway did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake gateway", e);
        }
    }

    int identifies() {
        return identifies.get();
    }

    int resumes() {
        return resumes.get();
    }

    int connections() {
        return connections.get();
    }

    /** Sends a dispatch to every session that receives events of this guild (0 for DMs). */
    void dispatch(String type, long guildId, Function<Session, Object> data) {
        for (Session session : sessions.values()) {
            if (session.receives(guildId)) {
                session.dispatch(type, data.apply(session));
            }
        }
    }

    /** Closes every open connection with this code; the sessions stay resumable. */
    void disconnectAll(int code, String reason) {
        for (Session session : sessions.values()) {
            synchronized (session) {
                // from now on the session buffers its dispatches until the client resumes
                session.connection = null;
            }
        }
        for (WebSocket connection : getConnections()) {
            byConnection.remove(connection);
            connection.close(code, reason);
        }
    }

    void requestReconnect() {
        for (WebSocket connection : getConnections()) {
            send(connection, "{\"op\":" + OP_RECONNECT + ",\"d\":null}");
        }
    }

    /** Forgets every session: a later RESUME is refused with INVALID_SESSION. */
    void invalidateSessions() {
        sessions.clear();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        connections.incrementAndGet();
        send(connection, Json.write(Map.of("op", OP_HELLO, "d", Map.of("heartbeat_interval", heartbeatIntervalMillis))));
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        Map<?, ?> frame;
        try {
            frame = (Map<?, ?>) Json.parse(message);
        } catch (RuntimeException e) {
            connection.close(4002, "Error while decoding payload.");
            return;
        }
        if (frame == null || !(frame.get("op") instanceof Number op)) {
            connection.close(4002, "Error while decoding payload.");
            return;
        }
        Map<?, ?> data = frame.get("d") instanceof Map<?, ?> map ? map : Map.of();
        switch (op.intValue()) {
            case OP_HEARTBEAT -> send(connection, "{\"op\":" + OP_HEARTBEAT_ACK + "}");
            case OP_IDENTIFY -> identify(connection, data);
            case OP_RESUME -> resume(connection, data);
            default -> {
                // presence updates, member requests and voice state updates need no answer here
            }
        }
    }

    private void identify(WebSocket connection, Map<?, ?> data) {
        if (!world.token().equals(data.get("token"))) {
            connection.close(4004, "Authentication failed.");
            return;
        }
        int shardId = 0;
        int shardCount = 1;
        if (data.get("shard") instanceof List<?> shard && shard.size() == 2) {
            shardId = ((Number) shard.get(0)).intValue();
            shardCount = ((Number) shard.get(1)).intValue();
        }
        Session session = new Session(shardId, shardCount);
        // a new IDENTIFY for a shard replaces its old session, as the old client is gone
        int shard = shardId;
        sessions.values().removeIf(old -> old.shardId == shard);
        synchronized (session) {
            session.connection = connection;
            byConnection.put(connection, session);
            sessions.put(session.id, session);
            List<FakeGuild> guilds = world.guilds().stream().filter(g -> session.receives(g.id())).toList();
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("v", 10);
            ready.put("user", world.botUserJson());
            ready.put("guilds", guilds.stream()
                    .map(g -> Map.of("id", Long.toUnsignedString(g.id()), "unavailable", true))
                    .toList());
            ready.put("private_channels", List.of());
            ready.put("relationships", List.of());
            ready.put("presences", List.of());
            ready.put("session_id", session.id);
            ready.put("session_type", "normal");
            ready.put("resume_gateway_url", world.gatewayUrl());
            ready.put("shard", List.of(shardId, shardCount));
            ready.put("application", Map.of("id", Long.toUnsignedString(world.applicationId()), "flags", 0));
            ready.put("_trace", List.of("fake-discord-gateway"));
            session.dispatch("READY", ready);
            for (FakeGuild guild : guilds) {
                session.dispatch("GUILD_CREATE", guild.guildCreateJson());
            }
        }
        identifies.incrementAndGet();
        world.changed();
    }

    private void resume(WebSocket connection, Map<?, ?> data) {
        Session session = data.get("session_id") instanceof String id ? sessions.get(id) : null;
        if (session == null || !world.token().equals(data.get("token"))) {
            send(connection, "{\"op\":" + OP_INVALID_SESSION + ",\"d\":false}");
            return;
        }
        long seen = data.get("seq") instanceof Number seq ? seq.longValue() : 0;
        synchronized (session) {
            session.connection = connection;
            byConnection.put(connection, session);
            for (int i = (int) Math.max(0, seen); i < session.dispatched.size(); i++) {
                send(connection, session.dispatched.get(i));
            }
            session.dispatch("RESUMED", Map.of("_trace", List.of("fake-discord-gateway")));
        }
        resumes.incrementAndGet();
        world.changed();
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        Session session = byConnection.remove(connection);
        if (session != null) {
            synchronized (session) {
                if (session.connection == connection) {
                    session.connection = null;
                }
            }
        }
        world.changed();
    }

    @Override
    public void onError(@Nullable WebSocket connection, Exception e) {
        LOG.debug("fake gateway connection error", e);
    }

    private static void send(@Nullable WebSocket connection, String text) {
        if (connection != null && connection.isOpen()) {
            try {
                connection.send(text);
            } catch (RuntimeException e) {
                // the client went away between the check and the send; resume replays it
                LOG.debug("fake gateway send failed", e);
            }
        }
    }
}
