package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Discord REST routes the fake server answers, with the objects and error codes Discord
 * uses; everything else is left to the transport's 404.
 */
final class DiscordRoutes implements RestTransport.Router {

    private static final int MAX_CONTENT = 2000;
    private static final Duration CALLBACK_WINDOW = Duration.ofSeconds(3);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final DiscordState state;
    private final int shards;
    private final Supplier<String> gatewayUrl;
    private final Snowflakes ids;
    private final FakeUser bot;
    private final long applicationId;
    private final Map<Long, FakeUser> users;
    private final Map<Long, StoredMessage> messages;
    private final Map<String, DiscordState.InteractionState> interactions;
    private final Map<String, Long> originals;
    private final Map<String, Boolean> acknowledged;
    private final Map<String, Long> commandIds;
    private final Map<String, List<Map<String, Object>>> commands;
    private final List<SentMessage> sent;
    private final List<InteractionCallback> callbacks;

    DiscordRoutes(DiscordState state, int shards, Supplier<String> gatewayUrl) {
        this.state = state;
        this.shards = shards;
        this.gatewayUrl = gatewayUrl;
        this.ids = state.ids;
        this.bot = state.bot;
        this.applicationId = state.applicationId;
        this.users = state.users;
        this.messages = state.messages;
        this.interactions = state.interactions;
        this.originals = state.originals;
        this.acknowledged = state.acknowledged;
        this.commandIds = state.commandIds;
        this.commands = state.commands;
        this.sent = state.sent;
        this.callbacks = state.callbacks;
    }

    @Override
    public @Nullable RestReply route(RestRequest r) {
        if (r.is("GET", "users", "@me")) {
            Map<String, Object> me = bot.toJson();
            me.put("verified", true);
            me.put("mfa_enabled", false);
            me.put("flags", 0);
            return RestReply.json(me);
        }
        if (r.is("GET", "gateway", "bot")) {
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("total", 1000);
            limit.put("remaining", 999);
            limit.put("reset_after", 86_400_000);
            limit.put("max_concurrency", 1);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("url", gatewayUrl.get());
            json.put("shards", shards);
            json.put("session_start_limit", limit);
            return RestReply.json(json);
        }
        if (r.is("GET", "gateway")) {
            return RestReply.json(Map.of("url", gatewayUrl.get()));
        }
        if (r.is("GET", "applications", "@me") || r.is("GET", "oauth2", "applications", "@me")) {
            return RestReply.json(applicationJson());
        }
        if (r.is("PUT", "applications", "*", "commands") && isApplication(r.segment(1))) {
            return registerCommands("global", null, r);
        }
        if (r.is("PUT", "applications", "*", "guilds", "*", "commands") && isApplication(r.segment(1))) {
            return registerCommands(r.segment(3), r.segment(3), r);
        }
        if (r.is("GET", "applications", "*", "commands") && isApplication(r.segment(1))) {
            return RestReply.json(commands.getOrDefault("global", List.of()));
        }
        if (r.is("GET", "applications", "*", "guilds", "*", "commands") && isApplication(r.segment(1))) {
            return RestReply.json(commands.getOrDefault(r.segment(3), List.of()));
        }
        if (r.is("GET", "users", "*")) {
            FakeUser user = snowflake(r.segment(1)).map(users::get).orElse(null);
            return user == null ? RestReply.error(404, 10013, "Unknown User") : RestReply.json(user.toJson());
        }
        if (r.is("GET", "guilds", "*", "members", "*")) {
            FakeGuild guild = snowflake(r.segment(1)).map(state.guilds::get).orElse(null);
            if (guild == null) {
                return RestReply.error(404, 10004, "Unknown Guild");
            }
            Map<String, Object> member = snowflake(r.segment(3)).map(guild::memberJson).orElse(null);
            return member == null ? RestReply.error(404, 10007, "Unknown Member") : RestReply.json(member);
        }
        if (r.is("GET", "channels", "*")) {
            return snowflake(r.segment(1)).flatMap(state::channel)
                    .map(channel -> RestReply.json(state.channelJson(channel)))
                    .orElseGet(() -> RestReply.error(404, 10003, "Unknown Channel"));
        }
        if (r.is("POST", "users", "@me", "channels")) {
            return openDmRoute(r);
        }
        if (r.is("POST", "channels", "*", "messages")) {
            return createMessageRoute(r);
        }
        if (r.is("GET", "channels", "*", "messages")) {
            return history(r);
        }
        if (r.is("GET", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> RestReply.json(state.messageJson(message)));
        }
        if (r.is("PATCH", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> editByBot(message, r, SentMessage.Kind.EDIT));
        }
        if (r.is("DELETE", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> {
                messages.remove(message.id);
                return RestReply.noContent().then(() -> state.dispatchDelete(message));
            });
        }
        if (r.is("POST", "channels", "*", "typing")) {
            return snowflake(r.segment(1)).flatMap(state::channel).isPresent()
                    ? RestReply.noContent()
                    : RestReply.error(404, 10003, "Unknown Channel");
        }
        if (r.is("PUT", "channels", "*", "messages", "*", "reactions", "*", "@me")
                || r.is("DELETE", "channels", "*", "messages", "*", "reactions", "*", "@me")) {
            return withMessage(r.segment(1), r.segment(3), message -> RestReply.noContent());
        }
        if (r.is("POST", "interactions", "*", "*", "callback")) {
            return interactionCallback(r);
        }
        if (r.segments().size() >= 3 && r.segment(0).equals("webhooks")) {
            return webhookRoute(r);
        }
        return null;
    }

    private boolean expired(DiscordState.InteractionState interaction, Duration window) {
        return state.interactionDeadlines && ids.now().isAfter(interaction.createdAt().plus(window));
    }

    private static @Nullable RestReply tooLong(String content) {
        return content.length() > MAX_CONTENT
                ? RestReply.error(400, 50035, "Invalid Form Body: content must be 2000 or fewer in length.")
                : null;
    }

    private boolean isApplication(String id) {
        return id.equals(Long.toUnsignedString(applicationId));
    }

    private static Optional<Long> snowflake(String segment) {
        try {
            return Optional.of(Long.parseUnsignedLong(segment));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> applicationJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(applicationId));
        json.put("name", bot.username());
        json.put("description", "");
        json.put("icon", null);
        json.put("bot_public", true);
        json.put("bot_require_code_grant", false);
        json.put("owner", state.applicationOwner.toJson());
        json.put("team", null);
        json.put("flags", 0);
        json.put("verify_key", "0".repeat(64));
        json.put("bot", bot.toJson());
        json.put("install_params", Map.of("scopes", List.of("bot", "applications.commands"), "permissions", "0"));
        return json;
    }

    private RestReply registerCommands(String scope, @Nullable String guildId, RestRequest r) {
        if (!(r.body() instanceof List<?> list)) {
            return RestReply.error(400, 50035, "Invalid Form Body");
        }
        List<Map<String, Object>> registered = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> command = new LinkedHashMap<>(Json.asObject(item));
            long commandId = commandIds.computeIfAbsent(scope + "/" + command.get("name"), name -> ids.next());
            command.put("id", Long.toUnsignedString(commandId));
            command.put("application_id", Long.toUnsignedString(applicationId));
            command.put("version", Long.toUnsignedString(commandId));
            command.putIfAbsent("type", 1);
            command.putIfAbsent("description", "");
            command.putIfAbsent("default_member_permissions", null);
            command.putIfAbsent("nsfw", false);
            command.putIfAbsent("contexts", List.of(0, 1, 2));
            command.putIfAbsent("integration_types", List.of(0));
            if (guildId != null) {
                command.put("guild_id", guildId);
            }
            registered.add(command);
        }
        commands.put(scope, List.copyOf(registered));
        return RestReply.json(registered);
    }

    /** A channel's messages newest first, honouring {@code limit} (1..100, default 50), {@code before} and {@code after}. */
    private RestReply history(RestRequest r) {
        Optional<Long> channelId = snowflake(r.segment(1));
        if (channelId.flatMap(state::channel).isEmpty()) {
            return RestReply.error(404, 10003, "Unknown Channel");
        }
        int limit = Math.clamp(Long.parseLong(r.query().getOrDefault("limit", "50")), 1, 100);
        long before = Long.parseUnsignedLong(r.query().getOrDefault("before", Long.toUnsignedString(-1L)));
        long after = Long.parseUnsignedLong(r.query().getOrDefault("after", "0"));
        List<Object> page = messages.values().stream()
                .filter(m -> m.channelId == channelId.get())
                .filter(m -> Long.compareUnsigned(m.id, before) < 0 && Long.compareUnsigned(m.id, after) > 0)
                .sorted((a, b) -> Long.compareUnsigned(b.id, a.id))
                .limit(limit)
                .map(m -> (Object) state.messageJson(m))
                .toList();
        return RestReply.json(page);
    }

    private RestReply openDmRoute(RestRequest r) {
        Object recipientId = r.json().get("recipient_id");
        FakeUser recipient = recipientId == null ? null : users.get(Long.parseUnsignedLong(recipientId.toString()));
        if (recipient == null) {
            return RestReply.error(404, 10013, "Unknown User");
        }
        long channelId = state.openDm(recipient);
        return RestReply.json(state.channelJson(new DiscordState.ChannelRef(channelId, null, 1, recipient)));
    }

    private RestReply createMessageRoute(RestRequest r) {
        Optional<DiscordState.ChannelRef> channel = snowflake(r.segment(1)).flatMap(state::channel);
        if (channel.isEmpty()) {
            return RestReply.error(404, 10003, "Unknown Channel");
        }
        Map<String, Object> body = r.json();
        String content = body.get("content") instanceof String s ? s : "";
        if (tooLong(content) != null) {
            return tooLong(content);
        }
        Long replyTo = referencedId(body);
        StoredMessage referenced = replyTo == null ? null : messages.get(replyTo);
        if (replyTo != null && referenced == null && !Boolean.FALSE.equals(
                Json.asObject(body.get("message_reference")).get("fail_if_not_exists"))) {
            return RestReply.error(400, 50035, "Invalid Form Body: Unknown message");
        }
        StoredMessage message = state.botMessage(channel.get(), content, referenced == null ? 0 : 19, referenced,
                intFlags(body), null, r.files());
        if (body.get("components") instanceof List<?> components) {
            message.components = components.stream().map(Json::asObject).toList();
        }
        sent.add(new SentMessage(SentMessage.Kind.CREATE, message.channelId, message.id, content,
                allowedMentions(body), replyTo, body));
        return RestReply.json(state.messageJson(message)).then(() -> state.dispatchMessage("MESSAGE_CREATE", message));
    }

    private static @Nullable Long referencedId(Map<String, Object> body) {
        if (body.get("message_reference") instanceof Map<?, ?> reference && reference.get("message_id") != null) {
            return Long.parseUnsignedLong(reference.get("message_id").toString());
        }
        return null;
    }

    private static @Nullable Map<String, Object> allowedMentions(Map<String, Object> body) {
        return body.get("allowed_mentions") instanceof Map<?, ?> map ? Json.asObject(map) : null;
    }

    private static int intFlags(Map<String, Object> body) {
        return body.get("flags") instanceof Number n ? n.intValue() : 0;
    }

    private RestReply withMessage(String channelSegment, String messageSegment, Function<StoredMessage, RestReply> action) {
        Optional<Long> channelId = snowflake(channelSegment);
        if (channelId.flatMap(state::channel).isEmpty()) {
            return RestReply.error(404, 10003, "Unknown Channel");
        }
        StoredMessage message = snowflake(messageSegment).map(messages::get).orElse(null);
        if (message == null || message.channelId != channelId.get()) {
            return RestReply.error(404, 10008, "Unknown Message");
        }
        return action.apply(message);
    }

    private RestReply editByBot(StoredMessage message, RestRequest r, SentMessage.Kind kind) {
        if (message.authorId != bot.id()) {
            return RestReply.error(403, 50005, "Cannot edit a message authored by another user");
        }
        Map<String, Object> body = r.json();
        synchronized (message) {
            if (body.get("content") instanceof String content) {
                if (tooLong(content) != null) {
                    return tooLong(content);
                }
                message.content = content;
            }
            if (body.get("embeds") instanceof List<?> embeds) {
                message.embeds = embeds.stream().map(Json::asObject).toList();
            }
            if (body.get("components") instanceof List<?> components) {
                message.components = components.stream().map(Json::asObject).toList();
            }
            message.flags &= ~128; // an edit ends "thinking..."
            message.editedAt = ids.now();
        }
        sent.add(new SentMessage(kind, message.channelId, message.id, state.messageContent(message.id).orElse(""),
                allowedMentions(body), null, body));
        return RestReply.json(state.messageJson(message)).then(() -> state.dispatchMessage("MESSAGE_UPDATE", message));
    }

    private RestReply interactionCallback(RestRequest r) {
        DiscordState.InteractionState interaction = interactions.get(r.segment(2));
        if (interaction == null || !Long.toUnsignedString(interaction.id()).equals(r.segment(1))) {
            return RestReply.error(404, 10062, "Unknown interaction");
        }
        if (expired(interaction, CALLBACK_WINDOW)) {
            return RestReply.error(404, 10062, "Unknown interaction");
        }
        Map<String, Object> body = r.json();
        int type = body.get("type") instanceof Number n ? n.intValue() : 0;
        Map<String, Object> data = body.get("data") instanceof Map<?, ?> map ? Json.asObject(map) : Map.of();
        if (data.get("content") instanceof String text && tooLong(text) != null) {
            return tooLong(text);
        }
        if (acknowledged.putIfAbsent(r.segment(2), true) != null) {
            return RestReply.error(400, 40060, "Interaction has already been acknowledged.");
        }
        callbacks.add(new InteractionCallback(interaction.id(), type, data));
        StoredMessage message = null;
        if (type == 4 || type == 5) {
            String content = type == 4 && data.get("content") instanceof String s ? s : "";
            int flags = intFlags(data) & 64 | (type == 5 ? 128 : 0);
            message = state.botMessage(interaction.channel(), content, 20, null, flags, applicationId, r.files());
            originals.put(r.segment(2), message.id);
            if (type == 4) {
                sent.add(new SentMessage(SentMessage.Kind.INTERACTION_REPLY, message.channelId, message.id, content,
                        allowedMentions(data), null, data));
            }
        }
        if (!"true".equals(r.query().get("with_response"))) {
            StoredMessage created = message;
            return created == null ? RestReply.noContent()
                    : RestReply.noContent().then(() -> state.dispatchMessage("MESSAGE_CREATE", created));
        }
        Map<String, Object> interactionJson = new LinkedHashMap<>();
        interactionJson.put("id", Long.toUnsignedString(interaction.id()));
        interactionJson.put("type", 2);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        if (message != null) {
            interactionJson.put("response_message_id", Long.toUnsignedString(message.id));
            interactionJson.put("response_message_loading", type == 5);
            interactionJson.put("response_message_ephemeral", (message.flags & 64) != 0);
            if (type == 4) {
                resource.put("message", state.messageJson(message));
            }
        }
        RestReply reply = RestReply.json(Map.of("interaction", interactionJson, "resource", resource));
        StoredMessage created = message;
        return created == null ? reply : reply.then(() -> state.dispatchMessage("MESSAGE_CREATE", created));
    }

    private @Nullable RestReply webhookRoute(RestRequest r) {
        if (!isApplication(r.segment(1)) || !interactions.containsKey(r.segment(2))) {
            return RestReply.error(404, 10015, "Unknown Webhook");
        }
        String interactionToken = r.segment(2);
        DiscordState.InteractionState interaction = interactions.get(interactionToken);
        if (expired(interaction, TOKEN_LIFETIME)) {
            return RestReply.error(401, 50027, "Invalid Webhook Token");
        }
        if (r.is("POST", "webhooks", "*", "*")) {
            Map<String, Object> body = r.json();
            String content = body.get("content") instanceof String s ? s : "";
            if (tooLong(content) != null) {
                return tooLong(content);
            }
            StoredMessage message = state.botMessage(interaction.channel(), content, 0, null, intFlags(body) & 64,
                    applicationId, r.files());
            sent.add(new SentMessage(SentMessage.Kind.FOLLOW_UP, message.channelId, message.id, content,
                    allowedMentions(body), null, body));
            return RestReply.json(state.messageJson(message)).then(() -> state.dispatchMessage("MESSAGE_CREATE", message));
        }
        if (r.segments().size() != 5 || !r.segment(3).equals("messages")) {
            return null;
        }
        Long messageId = r.segment(4).equals("@original")
                ? originals.get(interactionToken)
                : snowflake(r.segment(4)).orElse(null);
        StoredMessage message = messageId == null ? null : messages.get(messageId);
        if (message == null) {
            return RestReply.error(404, 10008, "Unknown Message");
        }
        return switch (r.method()) {
            case "GET" -> RestReply.json(state.messageJson(message));
            case "PATCH" -> editByBot(message, r, SentMessage.Kind.INTERACTION_EDIT);
            case "DELETE" -> {
                messages.remove(message.id);
                yield RestReply.noContent().then(() -> state.dispatchDelete(message));
            }
            default -> null;
        };
    }
}
