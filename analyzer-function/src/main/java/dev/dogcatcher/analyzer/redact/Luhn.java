package dev.dogcatcher.analyzer.redact;

/** The Luhn (mod 10) check that every payment card number passes and most other long numbers fail. */
final class Luhn {

  private Luhn() {}

  /** True when the digits of {@code candidate} (other characters ignored) pass the check; all zeros do not. */
  static boolean isValid(CharSequence candidate) {
    int sum = 0;
    int digits = 0;
    boolean doubled = false;
    boolean allZero = true;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      allZero &= digit == 0;
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
      digits++;
    }
    return digits > 0 && !allZero && sum % 10 == 0;
  }
}
