package dev.labc.facts;

/**
 * The host's clock against labc's. {@code hostEpochMillis} is what the host printed;
 * {@code localEpochMillis} the midpoint of labc's send and receive of the probe; {@code skewMillis}
 * the smallest skew the reading allows (positive: host ahead): zero when the host's time falls
 * between the send and the receive, else its distance to the nearer end.
 */
public record ClockReading(long hostEpochMillis, long localEpochMillis, long skewMillis) {
    public static ClockReading of(long hostEpochMillis, long localEpochMillis) {
        return new ClockReading(hostEpochMillis, localEpochMillis, hostEpochMillis - localEpochMillis);
    }

    /**
     * A reading taken some time between {@code sentMillis} and {@code receivedMillis}. Only the
     * skew outside that window is counted: a busy host or controller that answers late (200
     * hosts probed at once on a small machine) is slow, not skewed.
     */
    public static ClockReading between(long hostEpochMillis, long sentMillis, long receivedMillis) {
        long skew = hostEpochMillis > receivedMillis ? hostEpochMillis - receivedMillis
                : hostEpochMillis < sentMillis ? hostEpochMillis - sentMillis : 0;
        return new ClockReading(hostEpochMillis, sentMillis + (receivedMillis - sentMillis) / 2, skew);
    }
}
