package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

  @Test
  void of_whenGroupsMatchTheTruth_isOne() {
    assertThat(GroupingAccuracy.of(List.of("x", "x", "y"), List.of("E1", "E1", "E2"))).isEqualTo(1.0);
  }

  @Test
  void of_countsOnlyMessagesWhoseGroupIsExactlyTheirEvent() {
    // E1 = {0, 1, 2} is split into x = {0, 1} and y = {2}: none of the three is right.
    // z = {3, 4} merges E2 = {3} and E3 = {4}: neither is right. w = {5} = E4 is right.
    List<String> predicted = List.of("x", "x", "y", "z", "z", "w");
    List<String> truth = List.of("E1", "E1", "E1", "E2", "E3", "E4");

    assertThat(GroupingAccuracy.of(predicted, truth)).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void of_whenEveryMessageIsMerged_isTheShareOfTheOnlyRightGroup() {
    assertThat(GroupingAccuracy.of(List.of("k", "k", "k"), List.of("E1", "E1", "E1"))).isEqualTo(1.0);
    assertThat(GroupingAccuracy.of(List.of("k", "k", "k"), List.of("E1", "E1", "E2"))).isEqualTo(0.0);
  }

  @Test
  void of_whenSizesDiffer_throws() {
    assertThatThrownBy(() -> GroupingAccuracy.of(List.of("x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predicted has 1 keys but truth has 0 ids");
  }

  @Test
  void tally_givesWhatOfGivesForTheSamePairs() {
    List<String> predicted = List.of("x", "x", "y", "z", "z", "w");
    List<String> truth = List.of("E1", "E1", "E1", "E2", "E3", "E4");
    GroupingAccuracy.Tally tally = new GroupingAccuracy.Tally();

    for (int i = 0; i < predicted.size(); i++) {
      tally.add(predicted.get(i), truth.get(i));
    }

    assertThat(tally.value()).isEqualTo(GroupingAccuracy.of(predicted, truth)).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(tally.messages()).isEqualTo(6);
    assertThat(tally.events()).isEqualTo(4);
    assertThat(tally.groups()).isEqualTo(4);
    assertThat(new GroupingAccuracy.Tally().value()).isEqualTo(1.0);
  }
}
