package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy (Zhu et al., ICSE-SEIP 2019): the share of messages whose predicted group is exactly
 * the set of messages with their true event id.
 */
final class GroupingAccuracy {

  private GroupingAccuracy() {}

  /**
   * GA of a grouping.
   *
   * @param predicted the predicted group key of each message
   * @param truth the true event id of each message, in the same order
   * @return correctly grouped messages / all messages; 1 for no messages
   */
  static double of(List<String> predicted, List<String> truth) {
    requireNonNull(predicted, "predicted == null");
    requireNonNull(truth, "truth == null");
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.size() + " keys but truth has " + truth.size() + " ids");
    }
    if (predicted.isEmpty()) {
      return 1.0;
    }
    Map<String, List<Integer>> groups = new HashMap<>();
    Map<String, Integer> truthSizes = new HashMap<>();
    for (int i = 0; i < predicted.size(); i++) {
      groups.computeIfAbsent(predicted.get(i), key -> new ArrayList<>()).add(i);
      truthSizes.merge(truth.get(i), 1, Integer::sum);
    }
    // A predicted group is right iff all its messages share one true id and it holds every message of it.
    long correct = 0;
    for (List<Integer> group : groups.values()) {
      String id = truth.get(group.get(0));
      boolean pure = group.stream().allMatch(i -> truth.get(i).equals(id));
      if (pure && truthSizes.get(id) == group.size()) {
        correct += group.size();
      }
    }
    return (double) correct / predicted.size();
  }
}
