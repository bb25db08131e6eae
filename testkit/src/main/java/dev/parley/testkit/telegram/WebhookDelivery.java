package dev.parley.testkit.telegram;

/**
 * One attempt of the fake server to post an update to the bot's webhook.
 *
 * @param updateId the update posted
 * @param status the webhook's HTTP status, or 0 when it could not be reached
 */
public record WebhookDelivery(long updateId, int status) {}
