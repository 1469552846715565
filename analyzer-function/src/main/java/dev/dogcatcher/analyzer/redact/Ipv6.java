package dev.dogcatcher.analyzer.redact;

/**
 * The IPv6 text grammar (RFC 4291 §2.2): eight groups of one to four hex digits, one {@code ::} standing
 * for a run of zero groups, and an optional dotted IPv4 tail counting as two groups.
 */
final class Ipv6 {

  private Ipv6() {}

  static boolean isAddress(String text) {
    if (text.indexOf(':') < 0 || !containsHexDigit(text)) {
      return false;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    if (gap < 0) {
      return groups(text, true) == 8;
    }
    String head = text.substring(0, gap);
    String tail = text.substring(gap + 2);
    int headGroups = head.isEmpty() ? 0 : groups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /** The candidate without a {@code %zone} suffix and without the dots that end a sentence. */
  static String withoutZoneAndTrailingDots(String candidate) {
    int zone = candidate.indexOf('%');
    String address = zone >= 0 ? candidate.substring(0, zone) : candidate;
    return address.substring(0, address.length() - trailingDots(address).length());
  }

  static String trailingDots(String candidate) {
    if (candidate.indexOf('%') >= 0) {
      return "";
    }
    int end = candidate.length();
    while (end > 0 && candidate.charAt(end - 1) == '.') {
      end--;
    }
    return candidate.substring(end);
  }

  /** The number of groups in a colon-separated run, or -1 when a group is malformed. */
  private static int groups(String run, boolean mayEndInIpv4) {
    String[] parts = run.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.indexOf('.') >= 0) {
        if (!mayEndInIpv4 || i != parts.length - 1 || !isIpv4(part)) {
          return -1;
        }
        count += 2;
      } else if (part.isEmpty() || part.length() > 4 || !isHex(part)) {
        return -1;
      } else {
        count++;
      }
    }
    return count;
  }

  private static boolean isIpv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String text) {
    return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }

  private static boolean containsHexDigit(String text) {
    return text.chars().anyMatch(c -> c != ':' && c != '.');
  }
}
