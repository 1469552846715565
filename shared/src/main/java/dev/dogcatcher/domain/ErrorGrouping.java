package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.port.SlotStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups logs by fingerprint, then gathers the groups whose messages differ in one word that has proven
 * to be a value ({@link Fingerprinter#slots}): what every group saw is recorded in the {@link SlotStore},
 * so a slot learned from earlier windows gathers a single log as well, and the grouping of an error does
 * not depend on how the logs were cut into windows once its slot is learned.
 */
public final class ErrorGrouping {

  private final Fingerprinter fingerprinter;
  private final SlotStore store;
  private final Map<String, ErrorGroupBuilder> groups = new LinkedHashMap<>();
  private final Map<String, List<Fingerprinter.Slot>> slots = new LinkedHashMap<>();

  public ErrorGrouping(Fingerprinter fingerprinter, SlotStore store) {
    this.fingerprinter = requireNonNull(fingerprinter, "fingerprinter == null");
    this.store = requireNonNull(store, "store == null");
  }

  /** Adds a log and returns its fingerprint before slots are applied. */
  public Fingerprint add(ErrorLog log) {
    Fingerprint fingerprint = fingerprinter.of(log);
    ErrorGroupBuilder group = groups.get(fingerprint.value());
    if (group == null) {
      groups.put(fingerprint.value(), new ErrorGroupBuilder(fingerprint, log, fingerprinter.previousVersions(log)));
      slots.put(fingerprint.value(), fingerprinter.slots(log));
    } else {
      group.add(log);
    }
    return fingerprint;
  }

  /**
   * Records the slots of every group and gathers the groups of learned slots.
   *
   * @throws RegistryUnavailableException when the store cannot tell what it learned: grouping without it
   *     would file a learned error again under its word
   */
  public Result finish() {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    slots.forEach((group, candidates) -> candidates.forEach(slot -> {
      Set<String> members = seen.computeIfAbsent(slot.fingerprint().value(), key -> new LinkedHashSet<>());
      if (slot.evidence()) {
        members.add(group);
      }
    }));
    Map<String, Set<String>> known = seen.isEmpty() ? Map.of() : store.record(seen);
    Map<String, ErrorGroupBuilder> gathered = new LinkedHashMap<>();
    Map<String, Fingerprint> learned = new LinkedHashMap<>();
    Map<String, String> moved = new HashMap<>();
    groups.forEach((fingerprint, group) -> {
      String target = fingerprint;
      for (Fingerprinter.Slot slot : slots.get(fingerprint)) {
        String value = slot.fingerprint().value();
        if (known.getOrDefault(value, Set.of()).size() >= SlotStore.LEARNED) {
          target = value;
          moved.put(fingerprint, target);
          learned.putIfAbsent(target, slot.fingerprint());
          break;
        }
      }
      ErrorGroupBuilder into = gathered.putIfAbsent(target, group);
      if (into != null) {
        into.absorb(group);
      }
    });
    // A slot's fingerprint is the one its template gives, so a message with a value there already (a
    // numeric user name) is in the slot's group from the start.
    learned.forEach((value, slot) -> gathered.get(value).learn(slot, known.get(value)));
    return new Result(List.copyOf(gathered.values()), moved);
  }

  /**
   * The groups, and the fingerprints of {@link #add} that moved to a learned slot's.
   *
   * @param groups one per distinct error, in the order their first log came
   * @param moved fingerprint before → fingerprint of the learned slot it moved to
   */
  public record Result(List<ErrorGroupBuilder> groups, Map<String, String> moved) {}
}
