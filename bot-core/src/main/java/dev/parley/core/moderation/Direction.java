package dev.parley.core.moderation;

/** Which way text travels: a user's prompt into the model, or the model's reply out to users. */
public enum Direction {
    INPUT,
    OUTPUT
}
