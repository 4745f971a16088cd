package dev.labc.runtime.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  @Test
  void requestsFromManyThreadsAreSpacedToTheBudget() throws Exception {
    var budget = new RequestBudget(100);
    long start = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 30; i++) threads.submit(budget::acquire);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(30, budget.requests());
    // 30 requests at 100/s: the last may go no earlier than 0.29 s after the first.
    assertTrue(seconds >= 0.28, "30 requests took only " + seconds + " s");
  }

  @Test
  void aBudgetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new RequestBudget(0));
    assertThrows(IllegalArgumentException.class, () -> new RequestBudget(Double.NaN));
  }
}
