package dev.dogcatcher.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SlotStore} must have: extend it with a method returning the implementation
 * under test. Each test uses its own slot names, so the store may keep state between tests.
 */
public abstract class SlotStoreContract {

  private SlotStore store;

  /** The store under test; called once before each test. */
  protected abstract SlotStore store();

  @BeforeEach
  void createStore() {
    store = store();
  }

  @Test
  public void record_aNewSlot_returnsItsMembers() {
    String slot = slot();

    Map<String, Set<String>> known = store.record(Map.of(slot, Set.of("fp-a", "fp-b")));

    assertThat(known).containsOnlyKeys(slot);
    assertThat(known.get(slot)).containsExactlyInAnyOrder("fp-a", "fp-b");
  }

  @Test
  public void record_remembersMembersAcrossCalls() {
    String slot = slot();
    store.record(Map.of(slot, Set.of("fp-a")));
    store.record(Map.of(slot, Set.of("fp-b")));

    Map<String, Set<String>> known = store.record(Map.of(slot, Set.of("fp-a")));

    assertThat(known.get(slot)).containsExactlyInAnyOrder("fp-a", "fp-b");
  }

  @Test
  public void record_keepsNoMoreThanLearnedMembers() {
    String slot = slot();
    store.record(Map.of(slot, Set.of("fp-a", "fp-b")));

    store.record(Map.of(slot, members("fp-c", "fp-d", "fp-e")));
    Map<String, Set<String>> known = store.record(Map.of(slot, Set.of("fp-f")));

    assertThat(known.get(slot)).hasSize(SlotStore.LEARNED).contains("fp-a", "fp-b").doesNotContain("fp-f");
  }

  @Test
  public void record_slotsAreIndependent() {
    String first = slot();
    String second = slot();
    store.record(Map.of(first, Set.of("fp-a", "fp-b", "fp-c")));

    Map<String, Set<String>> known = store.record(Map.of(second, Set.of("fp-d")));

    assertThat(known.get(second)).containsExactly("fp-d");
  }

  @Test
  public void record_manySlotsAtOnce_answersEveryOne() {
    Map<String, Set<String>> members = new LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      members.put(slot(), Set.of("fp-" + i));
    }

    Map<String, Set<String>> known = store.record(members);

    assertThat(known).isEqualTo(members);
  }

  @Test
  public void readOnly_looksUpWithoutRecording() {
    String slot = slot();
    store.record(Map.of(slot, Set.of("fp-a")));

    Map<String, Set<String>> seen = store.readOnly().record(Map.of(slot, Set.of("fp-b")));

    assertThat(seen.get(slot)).containsExactly("fp-a");
    assertThat(store.record(Map.of(slot, Set.of())).get(slot)).containsExactly("fp-a");
  }

  @Test
  public void record_concurrentWriters_allSeeTheSlotLearned() throws Exception {
    String slot = slot();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Set<String>>> writers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String member = "fp-" + i;
        writers.add(() -> store.record(Map.of(slot, Set.of(member))).get(slot));
      }
      for (Future<Set<String>> answer : pool.invokeAll(writers)) {
        answer.get();
      }
    } finally {
      pool.shutdown();
    }

    Set<String> known = store.record(Map.of(slot, Set.of("fp-late"))).get(slot);

    // Racing writers may each add the last member; the slot is learned and takes nothing more.
    assertThat(known.size()).isBetween(SlotStore.LEARNED, SlotStore.LEARNED + 7);
    assertThat(known).doesNotContain("fp-late");
  }

  private static Set<String> members(String... values) {
    return new LinkedHashSet<>(List.of(values));
  }

  private static String slot() {
    return "slot-" + UUID.randomUUID();
  }
}
