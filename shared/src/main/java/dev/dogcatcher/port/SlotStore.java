package dev.dogcatcher.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What grouping has learned about the words of messages. A slot is a message template with one of its
 * words made a value, named by the fingerprint that template gives; its members are the fingerprints of
 * the messages seen with some word in that place. A slot with {@link #LEARNED} members is a value: the
 * messages it gathers share one group (see {@link dev.dogcatcher.domain.ErrorGrouping}).
 */
public interface SlotStore {

  /** How many different words make a place a value; a slot keeps no more members than this. */
  int LEARNED = 3;

  /**
   * Adds members to slots and tells what every slot asked about knows now.
   *
   * @param members fingerprints seen, by slot; a slot with none is only read
   * @return for every slot of {@code members}, its members after the update (up to {@link #LEARNED})
   * @throws dev.dogcatcher.domain.RegistryUnavailableException when the store cannot be read or written
   */
  Map<String, Set<String>> record(Map<String, Set<String>> members);

  /**
   * This store for a reader that may join learned slots but teaches none: what it is asked to record is
   * only looked up (the analyzer's raw logs; its role may read the table, not write it).
   */
  default SlotStore readOnly() {
    return members -> {
      Map<String, Set<String>> lookup = new LinkedHashMap<>();
      members.keySet().forEach(slot -> lookup.put(slot, Set.of()));
      return record(lookup);
    };
  }
}
