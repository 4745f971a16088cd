package dev.labc.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClockReadingTest {
  @Test
  void aReadingInsideTheRoundTripIsNoSkewHoweverLongTheTripTook() {
    // 200 hosts answering 20 s late on a busy controller are late, not skewed.
    assertEquals(0, ClockReading.between(1_000_019_000L, 1_000_000_000L, 1_000_020_000L).skewMillis());
    assertEquals(0, ClockReading.between(1_000_000_000L, 1_000_000_000L, 1_000_000_000L).skewMillis());
  }

  @Test
  void onlyTheSkewOutsideTheRoundTripCounts() {
    assertEquals(30_000, ClockReading.between(1_000_050_000L, 1_000_000_000L, 1_000_020_000L).skewMillis());
    assertEquals(-40_000, ClockReading.between(999_960_000L, 1_000_000_000L, 1_000_020_000L).skewMillis());
  }

  @Test
  void theLocalTimeIsTheMidpoint() {
    assertEquals(1_000_010_000L, ClockReading.between(1_000_019_000L, 1_000_000_000L, 1_000_020_000L).localEpochMillis());
  }
}
