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
public final class GroupingAccuracy {

  private GroupingAccuracy() {}

  /** A streaming tally: add (predicted key, true id) pairs one by one; memory grows with distinct keys only. */
  public static final class Tally {
    private final Map<String, Map<String, Long>> truthsByGroup = new HashMap<>();
    private final Map<String, Long> truthSizes = new HashMap<>();
    private long messages;

    /** Counts one message. */
    public void add(String predicted, String truth) {
      requireNonNull(predicted, "predicted == null");
      requireNonNull(truth, "truth == null");
      truthsByGroup.computeIfAbsent(predicted, key -> new HashMap<>(2)).merge(truth, 1L, Long::sum);
      truthSizes.merge(truth, 1L, Long::sum);
      messages++;
    }

    /** How many messages were added. */
    public long messages() {
      return messages;
    }

    /** How many distinct true ids were added. */
    public int events() {
      return truthSizes.size();
    }

    /** How many distinct predicted keys were added. */
    public int groups() {
      return truthsByGroup.size();
    }

    /** GA of what was added: 1 for no messages. */
    public double value() {
      if (messages == 0) {
        return 1.0;
      }
      long correct = 0;
      for (Map<String, Long> truths : truthsByGroup.values()) {
        if (truths.size() == 1) {
          Map.Entry<String, Long> only = truths.entrySet().iterator().next();
          if (only.getValue().equals(truthSizes.get(only.getKey()))) {
            correct += only.getValue();
          }
        }
      }
      return (double) correct / messages;
    }
  }

  /**
   * GA of a grouping.
   *
   * @param predicted the predicted group key of each message
   * @param truth the true event id of each message, in the same order
   * @return correctly grouped messages / all messages; 1 for no messages
   */
  public static double of(List<String> predicted, List<String> truth) {
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
