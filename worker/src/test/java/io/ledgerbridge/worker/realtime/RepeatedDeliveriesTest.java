package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RepeatedDeliveriesTest {
  private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
  private static final byte[] BODY = "{\"eventNotifications\":[]}".getBytes(StandardCharsets.UTF_8);

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final RepeatedDeliveries repeats = new RepeatedDeliveries(clock);

  @Test
  void aDeliveryIsNewOnceThenARepeatOfItsFirstReceiptPerSystem() {
    assertThat(repeats.claim("quickbooks", BODY)).isEmpty();
    clock.now = T0.plusSeconds(30);

    assertThat(repeats.claim("quickbooks", BODY)).contains(T0);
    assertThat(repeats.claim("quickbooks", "{}".getBytes(StandardCharsets.UTF_8))).as("another body").isEmpty();
    assertThat(repeats.claim("salesforce", BODY)).as("another system").isEmpty();
  }

  @Test
  void aReleasedDeliveryIsTakenAgainSoTheSendersRetryGetsThrough() {
    repeats.claim("quickbooks", BODY);

    repeats.release("quickbooks", BODY);

    assertThat(repeats.claim("quickbooks", BODY)).isEmpty();
  }

  @Test
  void afterTheWindowTheSameBodyIsNewAgain() {
    repeats.claim("quickbooks", BODY);
    clock.now = T0.plus(Duration.ofHours(RepeatedDeliveries.WINDOW_HOURS)).minusSeconds(1);
    assertThat(repeats.claim("quickbooks", BODY)).contains(T0);

    clock.now = T0.plus(Duration.ofHours(RepeatedDeliveries.WINDOW_HOURS)).plusSeconds(1);

    assertThat(repeats.claim("quickbooks", BODY)).isEmpty();
  }

  @Test
  void atMostSoManyDigestsAreKeptTheOldestGoingFirst() {
    repeats.claim("quickbooks", BODY);
    for (int i = 0; i < RepeatedDeliveries.MAX_REMEMBERED; i++) {
      repeats.claim("quickbooks", ("body " + i).getBytes(StandardCharsets.UTF_8));
    }

    assertThat(repeats.claim("quickbooks", ("body " + (RepeatedDeliveries.MAX_REMEMBERED - 1)).getBytes(StandardCharsets.UTF_8)))
        .as("the newest is still known").isPresent();
    assertThat(repeats.claim("quickbooks", BODY)).as("the oldest was forgotten").isEmpty();
  }
}
