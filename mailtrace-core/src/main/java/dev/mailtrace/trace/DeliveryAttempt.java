package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Objects;

import dev.mailtrace.event.DeliveryStatus;

/**
 * One delivery attempt of one recipient, as the MTA logged it.
 *
 * @param time when it was logged
 * @param relay where it went ({@code mx.example.net[192.0.2.1]:25}, {@code local}, {@code none}), or null
 * @param delay total delay in seconds, or NaN
 * @param delays the MTA's breakdown of the delay as logged ({@code 0.32/0.01/0.02/0.75}), or null
 * @param dsn the enhanced status code, or null
 * @param status the outcome
 * @param response the full reply or reason text, or null
 * @param queuedAs the queue id the next hop gave the message, or null
 */
public record DeliveryAttempt(Instant time, String relay, double delay, String delays, String dsn,
        DeliveryStatus status, String response, String queuedAs) {

    public DeliveryAttempt {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
    }
}
