package dev.dogcatcher.analyzer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

  @Test
  void refusal_whenFailuresAreNotConsecutive_staysClosed() {
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();

    assertThat(breaker.refusal()).isEmpty();
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void refusal_afterThreeConsecutiveFailures_refusesUntilTheCoolDownEnds() {
    breaker.failure();
    breaker.failure();
    breaker.failure();

    assertThat(breaker.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("open after 3"));
    clock.advance(Duration.ofSeconds(59));
    assertThat(breaker.refusal()).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.refusal()).as("the trial call").isEmpty();
  }

  @Test
  void refusal_whileTheTrialCallIsInFlight_refusesOthers() {
    openAndWaitOut();

    assertThat(breaker.refusal()).isEmpty();
    assertThat(breaker.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("trial call"));
  }

  @Test
  void success_ofTheTrialCall_closesTheCircuit() {
    openAndWaitOut();
    breaker.refusal();

    breaker.success();

    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.refusal()).isEmpty();
    assertThat(breaker.refusal()).isEmpty();
  }

  @Test
  void failure_ofTheTrialCall_opensTheCircuitForAnotherCoolDown() {
    openAndWaitOut();
    breaker.refusal();

    breaker.failure();

    assertThat(breaker.refusal()).isPresent();
    clock.advance(Duration.ofSeconds(60));
    assertThat(breaker.refusal()).isEmpty();
  }

  private void openAndWaitOut() {
    breaker.failure();
    breaker.failure();
    breaker.failure();
    clock.advance(Duration.ofSeconds(60));
  }
}
