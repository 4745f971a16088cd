package dev.labc.facts;

/**
 * The host's clock against labc's. {@code hostEpochMillis} is what the host printed;
 * {@code localEpochMillis} the midpoint of labc's send and receive of the probe; {@code skewMillis}
 * their difference (positive: host ahead), good to about half the round trip.
 */
public record ClockReading(long hostEpochMillis, long localEpochMillis, long skewMillis) {
    public static ClockReading of(long hostEpochMillis, long localEpochMillis) {
        return new ClockReading(hostEpochMillis, localEpochMillis, hostEpochMillis - localEpochMillis);
    }
}
