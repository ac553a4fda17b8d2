package dev.wsboot.test.autoconfigure.example;

/** Who sent a message, from the upgrade request's {@code X-Caller} header; resolved by {@link CallerResolver}. */
public record Caller(String name) {

}
