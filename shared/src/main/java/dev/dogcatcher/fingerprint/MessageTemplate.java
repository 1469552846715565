package dev.dogcatcher.fingerprint;

import java.util.Arrays;

/**
 * Reduces a log message to its template: constant words stay, variable parts become typed placeholders.
 *
 * <p>This is the template of fingerprint recipe v2; {@code MessageTemplateV1} keeps v1's, frozen.
 *
 * <p>Placeholders: {@code <uuid>}, {@code <ip>} (IPv4 with optional {@code :port} or {@code /prefix}, IPv6),
 * {@code <host>} (a DNS name whose last label is a top-level domain, with optional {@code :port}:
 * {@code api.stripe.com:443}, {@code proxy.cse.cuhk.edu.hk}; not {@code com.acme.Foo}, {@code setup.py} or
 * {@code user.id}), {@code <email>}, {@code <url>}, {@code <path>} (unix or windows, at least two
 * segments), {@code <date>} (ISO dates and times, {@code HH:mm[:ss]}, {@code 10/Oct/2000:13:55:36},
 * {@code Sun Dec 04 04:47:44 2005}…), {@code <duration>} ({@code 30000ms}, {@code 1.5s}, {@code 250 ms},
 * {@code PT30S}), {@code <size>} ({@code 10MB}, {@code 1.16 KB}, {@code 367 bytes}), {@code <hex>}
 * ({@code 0x1f}; a run of at least 6 hex characters with a digit and a letter, or of 8 without a digit),
 * {@code <id>} (a run of at least 6 letters and digits with two or more separate groups of digits, as
 * random tokens have), {@code <token>} (a JSON Web Token {@code eyJ….….…}; a base64 word with
 * {@code +} or {@code =} padding; a run of letters and digits in mixed case that does not read as a
 * name, see {@link #opaqueRun}, such as the {@code NffrFeUfNV2Hib} of {@code cus_NffrFeUfNV2Hib}, while
 * {@code PaymentClient} and {@code getHTTPResponseCode} stay words), {@code <mac>}
 * ({@code 00:1a:2b:3c:4d:5e}), {@code <int>} and {@code <num>} (numbers, with sign, decimals, dotted
 * versions), {@code <str>} (a quoted value without spaces; a quoted phrase keeps its words and is
 * templated inside), and {@code key=<val>} (the value of a {@code key=value} pair, except {@code true}
 * and {@code false}: a flag is a state, and {@code force=true} and {@code force=false} are two errors).
 * A comparison glued to a number
 * ({@code <1 sec}, {@code ~5ms}) belongs to the value. JVM-generated names ({@code Foo$$Lambda$123/0x…},
 * {@code $Proxy12}, CGLIB, ByteBuddy, {@code GeneratedMethodAccessor12}) are reduced to their stable part,
 * a list of like values ({@code 1, 2, 3}, {@code blk_1 blk_2}, {@code r00=1 r01=2}) to one, and every run
 * of whitespace to one space.
 *
 * <p>The rules keep every run of letters: two messages that differ in a word ("read timeout", "connect
 * timeout") never share a template, unless the word is inside one of the values above. Digits are always
 * variable, also when glued to letters ({@code node12}, {@code dn228}, {@code R63-M0-N2} give
 * {@code node<int>}, {@code dn<int>}, {@code R<int>-M<int>-N<int>}), except in a protocol version
 * ({@code HTTP/1.1}): a number in a word is almost always an instance (a host, a shard, a register), and
 * the letters around it still tell {@code sha<int>} from {@code md<int>}. Words that can only be told
 * from values by meaning, such as the user name in {@code Invalid user admin}, stay words: a rule that
 * guessed them would also merge {@code user cancelled} with {@code user denied}; {@link FingerprintRules}
 * are the way to group those.
 *
 * <p>The group key ({@link #key}) is what fingerprints hash: the template with every placeholder written
 * {@code <*>}, so the type of a value never splits a group ({@code 10.0.0.1:80} and {@code www.qq.com:80}),
 * and a run of values joined only by spaces and punctuation, with the brackets around it, written once
 * ({@code 1190 bytes (1.16 KB)} and {@code 0 bytes}).
 *
 * <p>Only the first 2,000 characters of a message count: messages that agree on them have the same
 * template. The scan is a hand-written single pass over those characters with bounded look-ahead (the
 * only regular expressions, for generated names, start with a literal and do not backtrack), so its cost
 * is linear in them whatever the input: a megabyte-long line costs what its first 2,000 characters do.
 */
public final class MessageTemplate {

  /** How many leading characters of a message are templated; the rest is ignored. */
  static final int MAX_CHARS = 2_000;

  private static final int MAX_QUOTED = 256;
  private static final int MAX_KEY = 64;
  private static final int MAX_SCHEME = 32;
  private static final int MAX_DATE_WORDS = 7;
  private static final int MAX_DURATION_PARTS = 8;
  private static final int MIN_BASE64 = 16;
  private static final int MIN_RANDOM_RUN = 12;
  private static final int MIN_PREFIXED_RUN = 10;
  private static final int MAX_ID_PREFIX = 8;

  /**
   * The 250 letter pairs rarest inside the words of the 115,000 class, method and field names of the JDK
   * (each split at its case changes: {@code getHTTPResponse} is get, HTTP, Response), 26 or fewer
   * occurrences each. Random letters hit one every few characters; names, almost never.
   */
  private static final boolean[] RARE_PAIRS =
      pairs(
          "ao bf bh bk bp bq bv bw bx bz cf cj cv cw cx cz dh dm dq dw dz ez fb fh fj "
              + "fk fn fp fq fv fw fx fz gd gf gj gk gp gq gv gw gx gz hb hc hf hg hh hj hk "
              + "hn hq hv hw hx hz ih ij iu iw iy jb jc jf jg jh ji jk jl jn jp jq js jt jv "
              + "jw jx jy jz kc kf kh kj kk km ko kq kv kx ky kz lh lj lq lx lz mc mf mh mj "
              + "mk mq mr mv mw mx mz nj nx nz oh oj oq oz pf pj pq pw px pz qa qb qc qd qe "
              + "qf qg qh qi qj qk ql qm qn qo qp qq qr qs qt qv qw qx qy qz rh rj rq rx rz "
              + "sj sv sx sz tj tq tv tz uh uj uk uq uu uv uw uy uz vb vc vd vf vg vh vj vk "
              + "vl vn vp vq vr vt vu vv vw vx vz wb wc wd wf wg wj wk wl wm wq wu wv ww wx "
              + "wy wz xb xf xg xh xj xl xn xq xr xu xv xw xx xz ya yd yf yg yh yj yk yq yr "
              + "yu yv yx yy zb zc zd zf zg zh zj zk zl zm zn zp zq zr zs zt zu zv zw zx zz");

  // Placeholders are written between two private-use characters, which the input never keeps, so the
  // group key can tell a placeholder from text that happens to read "<int>".
  static final char OPEN = '\ue000';
  static final char CLOSE = '\ue001';
  private static final char REPLACEMENT = '\ufffd';

  private static final String UUID = placeholderNamed("uuid");
  private static final String IP = placeholderNamed("ip");
  private static final String HOST = placeholderNamed("host");
  private static final String EMAIL = placeholderNamed("email");
  private static final String URL = placeholderNamed("url");
  private static final String PATH = placeholderNamed("path");
  private static final String DATE = placeholderNamed("date");
  private static final String DURATION = placeholderNamed("duration");
  private static final String SIZE = placeholderNamed("size");
  private static final String HEX = placeholderNamed("hex");
  private static final String ID = placeholderNamed("id");
  private static final String INT = placeholderNamed("int");
  private static final String NUM = placeholderNamed("num");
  private static final String STR = placeholderNamed("str");
  private static final String VAL = placeholderNamed("val");
  private static final String TOKEN = placeholderNamed("token");
  private static final String MAC = placeholderNamed("mac");

  /** What the group key writes for every placeholder. */
  static final String ANY = "<*>";

  private static final String[] GLUED_UNITS = {
    "ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h", "d", "sec", "secs", "min", "mins", "hr", "hrs",
    "msec", "msecs", "millis", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days"
  };
  private static final String[] WORD_UNITS = {
    "ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "sec", "secs", "min", "mins", "hr", "hrs", "msec", "msecs",
    "millis", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "milliseconds",
    "microseconds", "nanoseconds"
  };
  private static final String[] SIZE_UNITS = {
    "b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "pib", "byte", "bytes", "kbytes", "mbytes"
  };
  private static final String[] GLUED_SIZE_UNITS = {
    "B", "K", "M", "G", "T", "kB", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "kb", "mb", "gb",
    "tb"
  };
  private static final String[] GENERIC_DOMAINS = {
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "local", "localdomain", "internal",
    "lan", "corp", "arpa", "localhost"
  };
  /** First labels of reverse-DNS package names, which are not hosts: {@code com.acme.billing.io}. */
  private static final String[] REVERSE_DNS_ROOTS = {
    "com", "org", "net", "edu", "gov", "io", "java", "javax", "jakarta", "jdk", "sun", "android", "androidx",
    "kotlin", "kotlinx", "scala"
  };
  /** Source file extensions that are also country codes: {@code setup.py:42} is a file and a line. */
  private static final String[] SOURCE_EXTENSIONS = {
    "py", "rs", "sh", "pl", "pm", "ml", "mk", "cc", "in", "am", "ac", "tf", "so", "md", "sc", "st", "kt", "ts",
    "cs", "go", "js", "rb", "hs", "ex", "vb", "fs", "do", "al", "as", "gd", "ps", "sv", "vh"
  };
  private static final String[] NEWER_DOMAINS = {
    "app", "dev", "cloud", "tech", "online", "site", "xyz", "top", "name", "mobi", "pro", "aero", "coop",
    "museum", "asia", "jobs", "tel", "travel", "home", "intranet", "private"
  };
  /** ISO 3166-1 country codes used as top-level domains, written out so the recipe never follows the JDK. */
  private static final java.util.Set<String> COUNTRY_DOMAINS =
      java.util.Set.of(
          ("ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw "
                  + "by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er "
                  + "es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr "
                  + "ht hu id ie il im in iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk "
                  + "lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne "
                  + "nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa "
                  + "sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to "
                  + "tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw")
              .split(" "));
  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"
  };
  private static final String[] WEEKDAYS = {
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday"
  };

  private final String s;
  private final int from;
  private final int to;
  private final boolean quotes;
  private final StringBuilder out;

  // The message split into pieces: words (runs without whitespace) and quoted values.
  private int count;
  private int[] starts;
  private int[] ends;
  private boolean[] spaced;
  private boolean[] quoted;

  // Per kind of quote (' " `): the closing quote found at closeAt for openings from closeFrom on.
  private final int[] closeFrom = {-1, -1, -1};
  private final int[] closeAt = {-1, -1, -1};

  // Set by number(): whether the last number had a fraction, an exponent or dotted parts.
  private boolean dotted;

  // Set by host(): no host name starts before this index of the word being templated.
  private int noHostUntil = -1;

  // Set by jwt(): no JSON Web Token starts before this index of the word being templated.
  private int noJwtUntil = -1;

  // Set by opaqueRun(): the placeholder of the run it found.
  private String opaque;

  private MessageTemplate(String s, int from, int to, boolean quotes, StringBuilder out) {
    this.s = s;
    this.from = from;
    this.to = to;
    this.quotes = quotes;
    this.out = out;
  }

  /**
   * The template of a message.
   *
   * @param message the log message; null is treated as empty
   * @return the template, empty for an empty or blank message
   */
  public static String of(String message) {
    return display(marked(message));
  }

  /**
   * The group key of a message: its template with every placeholder written {@code <*>}, and a run of
   * values joined only by spaces and punctuation ({@code <ip>:<int>}, {@code <size> (<size>)}) written as
   * one. Two messages with the same words around their values share it whatever the values' types.
   */
  static String key(String message) {
    return keyOf(marked(message));
  }

  /** The template with each placeholder between {@link #OPEN} and {@link #CLOSE}. */
  static String marked(String message) {
    if (message == null || message.isEmpty()) {
      return "";
    }
    String text = GeneratedNames.normalise(firstChars(message));
    if (text.indexOf(OPEN) >= 0 || text.indexOf(CLOSE) >= 0) {
      text = text.replace(OPEN, REPLACEMENT).replace(CLOSE, REPLACEMENT);
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    new MessageTemplate(text, 0, text.length(), true, out).run();
    return out.toString();
  }

  /** A marked template as people read it: {@code <int>}. */
  static String display(String marked) {
    return marked.replace(OPEN, '<').replace(CLOSE, '>');
  }

  /**
   * The group key of a marked template (see {@link #key(String)}), recipe v3: also an identifier joined by
   * underscores that holds a value ({@code task_<*>_m_<*>}, {@code broadcast_<*>_piece<*>},
   * {@code Thunderbird_A<*>}) is one value, since its letters name a kind of id, not the error.
   */
  static String keyOf(String marked) {
    return identifiersAsValues(keyV2Of(marked));
  }

  /** The group key of recipe v2, kept so that earlier fingerprints can be computed. */
  static String keyV2Of(String marked) {
    int n = marked.length();
    StringBuilder key = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = marked.charAt(i);
      if (c != OPEN) {
        key.append(c);
        i++;
        continue;
      }
      int start = i;
      int end = afterPlaceholder(marked, i);
      int j = end;
      while (j < n) {
        int k = j;
        while (k < n && marked.charAt(k) != OPEN && !Character.isLetterOrDigit(marked.charAt(k))) {
          k++;
        }
        if (k >= n || marked.charAt(k) != OPEN) {
          break;
        }
        end = afterPlaceholder(marked, k);
        j = end;
      }
      key.append(ANY);
      i = afterRun(marked, start, end);
    }
    return key.toString();
  }

  /** Each run of letters, digits, underscores and values that holds both an underscore and a value, as one value. */
  private static String identifiersAsValues(String key) {
    if (key.indexOf('_') < 0 || !key.contains(ANY)) {
      return key;
    }
    int n = key.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      int start = i;
      boolean value = false;
      boolean underscore = false;
      while (i < n) {
        char c = key.charAt(i);
        if (key.startsWith(ANY, i)) {
          value = true;
          i += ANY.length();
        } else if (Character.isLetterOrDigit(c) || c == '_') {
          underscore |= c == '_';
          i++;
        } else {
          break;
        }
      }
      if (i == start) {
        out.append(key.charAt(i++));
      } else if (value && underscore) {
        out.append(ANY);
      } else {
        out.append(key, start, i);
      }
    }
    return out.toString();
  }

  /**
   * The end of a run of values that ends at {@code end}: brackets opened inside it and closed right after
   * it ({@code <ip> [<int>]}), and empty brackets after it ({@code <ip> ()}, an empty value), belong to it.
   */
  private static int afterRun(String marked, int start, int end) {
    int n = marked.length();
    int open = 0;
    for (int k = start; k < end; k++) {
      char c = marked.charAt(k);
      if (c == '(' || c == '[' || c == '{') {
        open++;
      } else if ((c == ')' || c == ']' || c == '}') && open > 0) {
        open--;
      }
    }
    int k = end;
    while (k < n) {
      char c = marked.charAt(k);
      if (open > 0 && (c == ')' || c == ']' || c == '}')) {
        open--;
        k++;
        continue;
      }
      int m = k;
      while (m < n && marked.charAt(m) == ' ') {
        m++;
      }
      if (m + 1 < n && closes(marked.charAt(m), marked.charAt(m + 1))) {
        k = m + 2;
        continue;
      }
      break;
    }
    return k;
  }

  private static boolean closes(char open, char close) {
    return (open == '(' && close == ')') || (open == '[' && close == ']') || (open == '{' && close == '}');
  }

  private static int afterPlaceholder(String marked, int open) {
    int close = marked.indexOf(CLOSE, open);
    return close < 0 ? marked.length() : close + 1;
  }

  private static String placeholderNamed(String name) {
    return OPEN + name + CLOSE;
  }

  private static String firstChars(String message) {
    if (message.length() <= MAX_CHARS) {
      return message;
    }
    int end = MAX_CHARS;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end);
  }

  // ---------------------------------------------------------------- pieces

  private void run() {
    split();
    int previousStart = -1;
    int previousEnd = -1;
    int p = 0;
    while (p < count) {
      boolean space = spaced[p] && out.length() > 0;
      if (space) {
        out.append(' ');
      }
      int start = out.length();
      p = piece(p);
      // A list of like values separated by spaces (ids blk_1 blk_2 blk_3) reads as one value.
      if (space && isRepeat(previousStart, previousEnd, start)) {
        out.setLength(start - 1);
      } else {
        previousStart = start;
        previousEnd = out.length();
      }
    }
  }

  /** Templates the value that starts at piece {@code p}; returns the index of the next piece. */
  private int piece(int p) {
    if (quoted[p]) {
      quotedValue(starts[p], ends[p]);
      return p + 1;
    }
    int used = dateWords(p);
    String placeholder = DATE;
    if (used == 0 && isNumberAndUnit(p, WORD_UNITS)) {
      used = 2;
      placeholder = DURATION;
    } else if (used == 0 && isNumberAndUnit(p, SIZE_UNITS)) {
      used = 2;
      placeholder = SIZE;
    }
    if (used > 0) {
      int last = p + used - 1;
      out.append(s, starts[p], valueStart(starts[p], coreStart(p)));
      placeholder(placeholder);
      out.append(s, coreEnd(last), ends[last]);
      return p + used;
    }
    word(p);
    return p + 1;
  }

  /** Whether the output from {@code start} repeats, placeholders included, the previous piece's output. */
  private boolean isRepeat(int previousStart, int previousEnd, int start) {
    int length = out.length() - start;
    if (previousStart < 0 || length != previousEnd - previousStart || previousEnd != start - 1) {
      return false;
    }
    boolean placeholder = false;
    for (int k = 0; k < length; k++) {
      char c = out.charAt(start + k);
      if (c != out.charAt(previousStart + k)) {
        return false;
      }
      placeholder |= c == OPEN;
    }
    return placeholder;
  }

  private void split() {
    int capacity = Math.max(4, (to - from) / 2 + 2);
    starts = new int[capacity];
    ends = new int[capacity];
    spaced = new boolean[capacity];
    quoted = new boolean[capacity];
    boolean space = false;
    int i = from;
    while (i < to) {
      if (isSpace(s.charAt(i))) {
        space = true;
        i++;
        continue;
      }
      int start = i;
      while (i < to && !isSpace(s.charAt(i))) {
        if (quotes && isQuote(s.charAt(i)) && opensQuote(i)) {
          int close = closingQuote(i);
          if (close > 0) {
            if (i > start) {
              add(start, i, space, false);
              space = false;
            }
            add(i, close + 1, space, true);
            space = false;
            i = close + 1;
            start = i;
            continue;
          }
        }
        i++;
      }
      if (i > start) {
        add(start, i, space, false);
      }
      space = false;
    }
  }

  private void add(int start, int end, boolean space, boolean isQuoted) {
    if (count == starts.length) {
      int capacity = count * 2;
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      spaced = Arrays.copyOf(spaced, capacity);
      quoted = Arrays.copyOf(quoted, capacity);
    }
    starts[count] = start;
    ends[count] = end;
    spaced[count] = space;
    quoted[count] = isQuoted;
    count++;
  }

  private boolean opensQuote(int i) {
    return (i == from || !Character.isLetterOrDigit(s.charAt(i - 1)))
        && i + 1 < to
        && !isSpace(s.charAt(i + 1))
        && s.charAt(i + 1) != s.charAt(i);
  }

  /**
   * The index of the quote that closes the one at {@code open}, at most 256 characters on, or -1. A
   * closing quote follows a character that is neither whitespace nor a backslash and precedes one that is
   * not a letter or digit. Openings are tried left to right, so one cursor per kind of quote finds every
   * closing quote in a single pass over the text.
   */
  private int closingQuote(int open) {
    int kind = quoteKind(s.charAt(open));
    if (open >= closeFrom[kind] && open < closeAt[kind]) {
      return closeAt[kind] - open <= MAX_QUOTED + 1 && closeAt[kind] < to ? closeAt[kind] : -1;
    }
    char quote = s.charAt(open);
    int j = Math.max(open + 1, closeAt[kind] + 1);
    while (j < to && !closes(j, quote)) {
      j++;
    }
    closeFrom[kind] = open;
    closeAt[kind] = j;
    return j - open <= MAX_QUOTED + 1 && j < to ? j : -1;
  }

  private boolean closes(int j, char quote) {
    char before = s.charAt(j - 1);
    return s.charAt(j) == quote
        && !isSpace(before)
        && before != '\\'
        && (j + 1 >= to || !Character.isLetterOrDigit(s.charAt(j + 1)));
  }

  private void quotedValue(int start, int end) {
    int a = start + 1;
    int b = end - 1;
    for (int i = a; i < b; i++) {
      if (isSpace(s.charAt(i))) {
        // A quoted phrase is prose (a logfmt msg="...", a JSON value): keep its words.
        out.append(s.charAt(start));
        new MessageTemplate(s, a, b, false, out).run();
        out.append(s.charAt(b));
        return;
      }
    }
    placeholder(STR);
  }

  private int coreStart(int p) {
    int a = starts[p];
    int b = ends[p];
    while (a < b && isOpener(s.charAt(a))) {
      a++;
    }
    return a;
  }

  /**
   * Where the core of piece {@code p} ends: before its trailing punctuation, except a bracket that closes
   * one opened in the core ({@code ws=WorkSource{10113},} keeps its brace, so it reads like
   * {@code ws=null,}). One pass.
   */
  private int coreEnd(int p) {
    int a = coreStart(p);
    int b = ends[p];
    int run = b;
    while (run > a && isCloser(s.charAt(run - 1))) {
      run--;
    }
    int k = run;
    while (k < b && s.charAt(k) != ')' && s.charAt(k) != ']' && s.charAt(k) != '}') {
      k++;
    }
    if (k == b) {
      return run;
    }
    int parens = 0;
    int squares = 0;
    int braces = 0;
    for (k = a; k < run; k++) {
      char c = s.charAt(k);
      if (c == '(') {
        parens++;
      } else if (c == '[') {
        squares++;
      } else if (c == '{') {
        braces++;
      } else if (c == ')' && parens > 0) {
        parens--;
      } else if (c == ']' && squares > 0) {
        squares--;
      } else if (c == '}' && braces > 0) {
        braces--;
      }
    }
    int end = run;
    for (k = run; k < b && parens + squares + braces > 0; k++) {
      char c = s.charAt(k);
      if (c == ')' && parens > 0) {
        parens--;
        end = k + 1;
      } else if (c == ']' && squares > 0) {
        squares--;
        end = k + 1;
      } else if (c == '}' && braces > 0) {
        braces--;
        end = k + 1;
      }
    }
    return end;
  }

  // ---------------------------------------------------------------- multi-word values

  /**
   * How many pieces from {@code p} on form one date ({@code Sun Dec 04 04:47:44 2005}, {@code Dec 10
   * 06:55:46}, {@code 01 Jan 2024 10:00:00 GMT}, {@code 2024-01-01 12:00:00,123}…), or 0.
   */
  private int dateWords(int p) {
    int k = p;
    if (isWeekday(k) && linked(k)) {
      k++;
    }
    int end;
    if (isMonth(k) && linked(k) && isDay(k + 1)) {
      end = k + 2;
    } else if (isDay(k) && linked(k) && isMonth(k + 1)) {
      end = k + 2;
    } else if (k < count && !quoted[k] && date(coreStart(k), coreEnd(k)) == coreEnd(k)) {
      end = k + 1;
    } else {
      return 0;
    }
    if (isYear(end) && linked(end - 1)) {
      end++;
    }
    if (isTime(end) && linked(end - 1)) {
      end++;
    }
    if (isAmPm(end) && linked(end - 1)) {
      end++;
    }
    if (isYear(end) && linked(end - 1)) {
      end++;
    }
    if (isZone(end) && linked(end - 1)) {
      end++;
    }
    int used = end - p;
    return used >= 2 && used <= MAX_DATE_WORDS ? used : 0;
  }

  /**
   * Where the text before a value at {@code core} ends: a comparison glued to a number ({@code <1 sec},
   * {@code ~5ms}, {@code >100}) belongs to the value.
   */
  private int valueStart(int start, int core) {
    if (core > start && core < to && isDigit(s.charAt(core)) && isComparison(s.charAt(core - 1))) {
      return core - 1;
    }
    return core;
  }

  /** Whether pieces {@code p} and {@code p + 1} are a number and a unit ({@code 250 ms}, {@code 1.2 KB}). */
  private boolean isNumberAndUnit(int p, String[] units) {
    if (p + 1 >= count || quoted[p] || !linked(p)) {
      return false;
    }
    int a = coreStart(p);
    int b = coreEnd(p);
    if (a >= b || b != ends[p] || !isDigit(s.charAt(a)) || number(a, b) != b) {
      return false;
    }
    return isOneOf(coreStart(p + 1), coreEnd(p + 1), units, true);
  }

  /**
   * Whether piece {@code k} and the next one can belong to one value: the next is a word after whitespace,
   * with nothing between them but an optional comma ({@code Mon, 01 Jan}).
   */
  private boolean linked(int k) {
    if (k + 1 >= count || quoted[k] || quoted[k + 1] || !spaced[k + 1]) {
      return false;
    }
    if (coreStart(k + 1) != starts[k + 1]) {
      return false;
    }
    int trailing = ends[k] - coreEnd(k);
    return trailing == 0 || (trailing == 1 && s.charAt(ends[k] - 1) == ',');
  }

  private boolean isWeekday(int k) {
    return k < count && !quoted[k] && isOneOf(coreStart(k), coreEnd(k), WEEKDAYS, true);
  }

  private boolean isMonth(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int a = coreStart(k);
    // Timestamps capitalise months; "may" in prose stays a word.
    return a < coreEnd(k) && Character.isUpperCase(s.charAt(a)) && isOneOf(a, coreEnd(k), MONTHS, true);
  }

  private boolean isDay(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int a = coreStart(k);
    int b = coreEnd(k);
    if (b - a < 1 || b - a > 2 || !allDigits(a, b)) {
      return false;
    }
    int day = Integer.parseInt(s, a, b, 10);
    return day >= 1 && day <= 31;
  }

  private boolean isYear(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int a = coreStart(k);
    int b = coreEnd(k);
    return b - a == 4
        && allDigits(a, b)
        && (s.startsWith("19", a) || s.startsWith("20", a));
  }

  private boolean isTime(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int b = coreEnd(k);
    return time(coreStart(k), b, false) == b;
  }

  private boolean isAmPm(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int a = coreStart(k);
    return coreEnd(k) - a == 2
        && (s.regionMatches(true, a, "am", 0, 2) || s.regionMatches(true, a, "pm", 0, 2));
  }

  private boolean isZone(int k) {
    if (k >= count || quoted[k]) {
      return false;
    }
    int a = coreStart(k);
    int b = coreEnd(k);
    if (b - a == 3 && (s.startsWith("UTC", a) || s.startsWith("GMT", a))) {
      return true;
    }
    return b - a >= 5 && (s.charAt(a) == '+' || s.charAt(a) == '-') && zone(a, b) == b;
  }

  // ---------------------------------------------------------------- one word

  /** A word: its leading and trailing punctuation stay, its core is templated. */
  private void word(int p) {
    int a = starts[p];
    int b = ends[p];
    if (s.charAt(a) == '[' && bracketedIpv6(a, b)) {
      return;
    }
    int ca = coreStart(p);
    int cb = coreEnd(p);
    out.append(s, a, valueStart(a, ca));
    if (ca + 1 < cb && isComparison(s.charAt(ca)) && s.charAt(ca) != '<' && isDigit(s.charAt(ca + 1))) {
      ca++;
    }
    core(ca, cb);
    out.append(s, cb, b);
  }

  /** {@code [2001:db8::1]:8080}, possibly followed by closing punctuation. */
  private boolean bracketedIpv6(int a, int b) {
    int close = a + 1;
    while (close < b && s.charAt(close) != ']') {
      close++;
    }
    if (close >= b || !ipv6(a + 1, close)) {
      return false;
    }
    int e = close + 1;
    if (e + 1 < b && s.charAt(e) == ':' && isDigit(s.charAt(e + 1))) {
      e = digitsEnd(e + 1, b);
    }
    for (int i = e; i < b; i++) {
      if (!isCloser(s.charAt(i))) {
        return false;
      }
    }
    placeholder(IP);
    out.append(s, e, b);
    return true;
  }

  private void core(int a, int b) {
    if (a >= b) {
      return;
    }
    if (base64(a, b)) {
      placeholder(TOKEN);
      return;
    }
    if (keyValue(a, b)) {
      return;
    }
    if (email(a, b)) {
      placeholder(EMAIL);
    } else if (ipv6(a, b)) {
      placeholder(IP);
    } else if (path(a, b)) {
      placeholder(PATH);
    } else {
      parts(a, b);
    }
  }

  /** {@code key=value[,key=value…]} (also {@code ;} and {@code &}): keys stay, values become {@code <val>}. */
  private boolean keyValue(int a, int b) {
    int eq = keyEnd(a, b);
    if (eq < 0) {
      return false;
    }
    int i = a;
    while (true) {
      // Keys stay, but their digits vary like any others: r00=, r01= and fpr29= are one key.
      parts(i, eq);
      out.append('=');
      int e = eq + 1;
      while (e < b && !isValueDelimiter(s.charAt(e))) {
        e++;
      }
      if (e > eq + 1 && isBoolean(eq + 1, e)) {
        // A flag is a state, not an instance: force=true and force=false are two errors.
        out.append(s, eq + 1, e);
      } else if (e > eq + 1) {
        placeholder(VAL);
      }
      if (e >= b) {
        return true;
      }
      out.append(s.charAt(e));
      int next = keyEnd(e + 1, b);
      if (next < 0) {
        if (e + 1 < b) {
          core(e + 1, b);
        }
        return true;
      }
      i = e + 1;
      eq = next;
    }
  }

  private boolean isBoolean(int a, int b) {
    return (b - a == 4 && s.regionMatches(true, a, "true", 0, 4))
        || (b - a == 5 && s.regionMatches(true, a, "false", 0, 5));
  }

  /** The index of the {@code =} after a key that starts at {@code a}, or -1. */
  private int keyEnd(int a, int b) {
    if (a >= b) {
      return -1;
    }
    char c = s.charAt(a);
    if (!isAsciiLetter(c) && c != '_') {
      return -1;
    }
    int limit = Math.min(b, a + MAX_KEY);
    int i = a + 1;
    while (i < limit && isKeyChar(s.charAt(i))) {
      i++;
    }
    if (i >= b || s.charAt(i) != '=' || (i + 1 < b && s.charAt(i + 1) == '=')) {
      return -1;
    }
    return i;
  }

  private boolean email(int a, int b) {
    int at = -1;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (at < 0 ? !isEmailLocalChar(c) : !isHostChar(c)) {
        return false;
      }
    }
    if (at <= a || b - at < 5) {
      return false;
    }
    int dot = b - 1;
    while (dot > at && s.charAt(dot) != '.') {
      dot--;
    }
    if (dot <= at + 1 || b - dot < 3) {
      return false;
    }
    for (int i = dot + 1; i < b; i++) {
      if (!isAsciiLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Full or compressed IPv6 with at least one digit ({@code ::1}, {@code fe80::1%eth0}), not {@code 12:30:45}. */
  private boolean ipv6(int a, int b) {
    int colons = 0;
    int group = 0;
    boolean compressed = false;
    boolean digit = false;
    int lastColon = -1;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        if (i > a && s.charAt(i - 1) == ':') {
          if (compressed) {
            return false;
          }
          compressed = true;
        }
        colons++;
        lastColon = i;
        group = 0;
      } else if (isHexDigit(c)) {
        if (++group > 4) {
          return false;
        }
        digit |= isDigit(c);
      } else if (c == '.' && lastColon >= 0) {
        // An IPv4 tail: ::ffff:10.0.0.1
        return colons >= 2 && (compressed || colons == 6) && ipv4(lastColon + 1, b) == b;
      } else if (c == '%' && colons >= 2 && i + 1 < b) {
        // A zone id: fe80::1%eth0
        for (int j = i + 1; j < b; j++) {
          if (!Character.isLetterOrDigit(s.charAt(j))) {
            return false;
          }
        }
        break;
      } else {
        return false;
      }
    }
    return digit && colons >= 2 && (compressed ? colons <= 7 : colons == 7);
  }

  /**
   * Unix paths from {@code /}, {@code ~/}, {@code ./} or {@code ../} with at least two segments; relative
   * paths of at least three segments ending in a file name with an extension; windows paths
   * ({@code C:\dir\file}, {@code \\host\share}) with at least two segments after the drive.
   */
  private boolean path(int a, int b) {
    char c = s.charAt(a);
    int root = a;
    if (c == '~') {
      root = a + 1;
    } else if (c == '.') {
      while (root < b && root - a < 3 && s.charAt(root) == '.') {
        root++;
      }
    }
    if (root < b && s.charAt(root) == '/' && root - a <= 2) {
      return segments(a, b, '/') >= 2;
    }
    if (b - a > 3 && isAsciiLetter(c) && s.charAt(a + 1) == ':' && s.charAt(a + 2) == '\\') {
      return segments(a + 3, b, '\\') >= 2;
    }
    if (b - a > 2 && c == '\\' && s.charAt(a + 1) == '\\') {
      return segments(a + 2, b, '\\') >= 2;
    }
    return relativePath(a, b);
  }

  private boolean relativePath(int a, int b) {
    int slashes = 0;
    int lastSlash = -1;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c == '/') {
        if (i == a || i == b - 1 || s.charAt(i - 1) == '/') {
          return false;
        }
        slashes++;
        lastSlash = i;
      } else if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        if (c != ':' || lastSlash < 0) {
          return false;
        }
      }
    }
    if (slashes < 2) {
      return false;
    }
    // The last segment must be a file name: name.ext, optionally followed by :line.
    int end = lastSlash + 1;
    while (end < b && s.charAt(end) != ':') {
      end++;
    }
    int dot = end - 1;
    while (dot > lastSlash && s.charAt(dot) != '.') {
      dot--;
    }
    if (dot <= lastSlash + 1 || end - dot < 2 || end - dot > 9) {
      return false;
    }
    return isAsciiLetter(s.charAt(dot + 1));
  }

  private int segments(int a, int b, char separator) {
    int segments = 0;
    boolean inSegment = false;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c == separator || c == '/') {
        inSegment = false;
      } else if (!inSegment) {
        inSegment = true;
        segments++;
      }
    }
    return segments;
  }

  // ---------------------------------------------------------------- values inside a word

  /**
   * Templates a word piece by piece. Values are recognised only where a part starts (at the start of the
   * word or after a character that is not a letter or digit), so {@code abc123} is never read as a number.
   */
  private void parts(int a, int b) {
    int noPathFrom = Integer.MAX_VALUE;
    noHostUntil = -1;
    noJwtUntil = -1;
    int i = a;
    while (i < b) {
      char c = s.charAt(i);
      if (i == a || !Character.isLetterOrDigit(s.charAt(i - 1))) {
        int e;
        if (i >= noJwtUntil && (e = jwt(i, b)) > 0) {
          placeholder(TOKEN);
        } else if ((e = url(i, b)) > 0) {
          placeholder(URL);
        } else if (i >= noHostUntil && (e = host(i, b)) > 0) {
          placeholder(HOST);
        } else if ((e = uuid(i, b)) > 0) {
          placeholder(UUID);
        } else if ((e = ipv4(i, b)) > 0) {
          placeholder(IP);
        } else if ((e = mac(i, b)) > 0) {
          placeholder(MAC);
        } else if ((e = date(i, b)) > 0) {
          placeholder(DATE);
        } else if ((e = duration(i, b)) > 0) {
          placeholder(DURATION);
        } else if ((e = hex(i, b)) > 0) {
          placeholder(HEX);
        } else if ((e = opaqueRun(i, a, b)) > 0) {
          placeholder(opaque);
        } else if (c == '/' && i < noPathFrom && segments(i, b, '/') >= 2) {
          placeholder(PATH);
          e = b;
        } else if ((e = number(i, b)) > 0) {
          int unit = gluedSizeUnit(e, b);
          if (isProtocolVersion(i, a)) {
            out.append(s, i, e);
          } else if (unit > 0) {
            placeholder(SIZE);
            e = unit;
          } else {
            placeholder(dotted ? NUM : INT);
          }
        } else if (c == '/') {
          // No later slash in this word can start a path with more segments.
          noPathFrom = i;
        }
        if (e > 0) {
          i = e;
          continue;
        }
      }
      if (Character.isLetter(c)) {
        int j = i + 1;
        while (j < b && Character.isLetter(s.charAt(j))) {
          j++;
        }
        out.append(s, i, j);
        if (j < b && isDigit(s.charAt(j))) {
          // Digits glued to letters are variable too (dn228, FNANLI5, sha256): the letters stay.
          j = number(j, b);
          placeholder(dotted ? NUM : INT);
        }
        i = j;
      } else if (isDigit(c)) {
        int e = number(i, b);
        placeholder(dotted ? NUM : INT);
        i = e;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** A number right after {@code HTTP/} or {@code Mozilla/}: an upper-case protocol or a dotted version. */
  private boolean isProtocolVersion(int i, int a) {
    if (i - a < 3 || s.charAt(i - 1) != '/' || !isAsciiLetter(s.charAt(i - 2))) {
      return false;
    }
    if (dotted) {
      return true;
    }
    int j = i - 2;
    while (j >= a && isAsciiLetter(s.charAt(j))) {
      if (!Character.isUpperCase(s.charAt(j))) {
        return false;
      }
      j--;
    }
    return i - 2 - j >= 2;
  }

  /** {@code scheme://…} to the end of the word. */
  private int url(int i, int b) {
    if (!isAsciiLetter(s.charAt(i))) {
      return -1;
    }
    int limit = Math.min(b, i + MAX_SCHEME);
    for (int j = i + 1; j < limit; j++) {
      char c = s.charAt(j);
      if (c == ':') {
        if (j + 2 < b && s.charAt(j + 1) == '/' && s.charAt(j + 2) == '/') {
          return b;
        }
      } else if (!(isAsciiLetter(c) || isDigit(c) || c == '+' || c == '.' || c == '-')) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * A DNS name with an optional {@code :port}: at least two dot-separated labels of letters, digits and
   * hyphens, the last one a top-level domain (see {@link #isTopLevelDomain}), the first one not (that is a
   * reverse-DNS package name such as {@code com.acme.Foo}). When none starts here, none starts before the
   * end of this dotted run either, which {@link #noHostUntil} remembers so a word is scanned once.
   */
  private int host(int i, int b) {
    if (!Character.isLetterOrDigit(s.charAt(i)) || !isHostChar(s.charAt(i))) {
      return -1;
    }
    int j = i;
    while (j < b && isHostChar(s.charAt(j))) {
      j++;
    }
    int end = j;
    while (end > i && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
      end--;
    }
    noHostUntil = end;
    if (end < b && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_' || s.charAt(end) == '$')) {
      return -1;
    }
    int labels = 0;
    int labelStart = i;
    int firstEnd = -1;
    for (int k = i; k <= end; k++) {
      if (k == end || s.charAt(k) == '.') {
        int length = k - labelStart;
        if (length == 0 || length > 63 || s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
          return -1;
        }
        if (firstEnd < 0) {
          firstEnd = k;
        }
        labels++;
        if (k < end) {
          labelStart = k + 1;
        }
      }
    }
    int port = -1;
    if (end + 1 < b && s.charAt(end) == ':' && isDigit(s.charAt(end + 1))) {
      port = digitsEnd(end + 1, b);
      port = port - end - 1 <= 5 && atBoundary(port, b) ? port : -1;
    }
    // With a port, two labels may end in a country code (csdnimg.cn:80), unless it names source files.
    int asIfLabels = port > 0 && !isOneOf(labelStart, end, SOURCE_EXTENSIONS, false) ? 3 : labels;
    if (labels < 2
        || !isTopLevelDomain(labelStart, end, asIfLabels)
        || isOneOf(i, firstEnd, REVERSE_DNS_ROOTS, false)) {
      return -1;
    }
    return port > 0 ? port : end;
  }

  /**
   * Whether a label reads as a top-level domain: in a name of two labels one of the generic ones
   * ({@code com}, {@code net}, {@code org}, {@code io}, {@code local}…), so that {@code setup.py} and
   * {@code user.id} stay words; from three labels on also a country code ({@code hk}, {@code mx}). All
   * lower or all upper case.
   */
  private boolean isTopLevelDomain(int a, int b, int labels) {
    int length = b - a;
    if (length < 2 || length > 11) {
      return false;
    }
    boolean lower = Character.isLowerCase(s.charAt(a));
    for (int k = a; k < b; k++) {
      char c = s.charAt(k);
      if (!isAsciiLetter(c) || Character.isLowerCase(c) != lower) {
        return false;
      }
    }
    if (isOneOf(a, b, GENERIC_DOMAINS, true)) {
      return true;
    }
    if (labels < 3) {
      return false;
    }
    if (length == 2) {
      String code = s.substring(a, b).toLowerCase(java.util.Locale.ROOT);
      return COUNTRY_DOMAINS.contains(code);
    }
    return isOneOf(a, b, NEWER_DOMAINS, true);
  }

  /** The end of a size unit glued to a number that ends at {@code i} ({@code 10MB}, {@code 512M}), or -1. */
  private int gluedSizeUnit(int i, int b) {
    int u = i;
    while (u < b && u - i < 4 && isAsciiLetter(s.charAt(u))) {
      u++;
    }
    return u > i && atBoundary(u, b) && isOneOf(i, u, GLUED_SIZE_UNITS, false) ? u : -1;
  }

  private int uuid(int i, int b) {
    int e = i + 36;
    if (e > b || !atBoundary(e, b)) {
      return -1;
    }
    for (int k = 0; k < 36; k++) {
      char c = s.charAt(i + k);
      boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
      if (dash ? c != '-' : !isHexDigit(c)) {
        return -1;
      }
    }
    return e;
  }

  /** Dotted-quad IPv4 with an optional {@code :port} or {@code /prefix}. */
  private int ipv4(int i, int b) {
    int j = i;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (j >= b || s.charAt(j) != '.') {
          return -1;
        }
        j++;
      }
      int start = j;
      int value = 0;
      while (j < b && j - start < 3 && isDigit(s.charAt(j))) {
        value = value * 10 + (s.charAt(j) - '0');
        j++;
      }
      if (j == start || value > 255 || (j < b && isDigit(s.charAt(j)))) {
        return -1;
      }
    }
    if (j + 1 < b && s.charAt(j) == '.' && isDigit(s.charAt(j + 1))) {
      return -1;
    }
    if (j + 1 < b && (s.charAt(j) == ':' || s.charAt(j) == '/') && isDigit(s.charAt(j + 1))) {
      int end = digitsEnd(j + 1, b);
      if (end - j - 1 <= 5) {
        j = end;
      }
    }
    return atBoundary(j, b) ? j : -1;
  }

  /**
   * {@code 2024-01-01}, {@code 2024/01/01T10:00:00Z}, {@code 01/15/2024}, {@code 15.01.2024},
   * {@code 10/Oct/2000:13:55:36}, {@code 12:00:00,123}, {@code 10:30}.
   */
  private int date(int i, int b) {
    if (i >= b || !isDigit(s.charAt(i))) {
      return -1;
    }
    int j = digitsEnd(i, b);
    int length = j - i;
    if (j >= b) {
      return -1;
    }
    char separator = s.charAt(j);
    int e;
    if (length == 4 && isDateSeparator(separator)) {
      int month = fixedDigits(j + 1, b, 1, 2);
      if (month < 0 || month >= b || s.charAt(month) != separator) {
        return -1;
      }
      e = fixedDigits(month + 1, b, 1, 2);
      if (e < 0) {
        return -1;
      }
      if (e + 1 < b && (s.charAt(e) == 'T' || s.charAt(e) == '_') && isDigit(s.charAt(e + 1))) {
        int t = time(e + 1, b, false);
        e = t > 0 ? t : e;
      }
    } else if (length <= 2 && separator == ':') {
      e = time(i, b, false);
    } else if (length <= 2 && isDateSeparator(separator)) {
      int month = fixedDigits(j + 1, b, 1, 2);
      if (month < 0) {
        month = monthName(j + 1, b);
      }
      if (month < 0 || month >= b || s.charAt(month) != separator) {
        return -1;
      }
      e = fixedDigits(month + 1, b, 4, 4);
      if (e < 0) {
        return -1;
      }
      if (e + 1 < b && (s.charAt(e) == ':' || s.charAt(e) == 'T') && isDigit(s.charAt(e + 1))) {
        int t = time(e + 1, b, false);
        e = t > 0 ? t : e;
      }
    } else {
      return -1;
    }
    return e > 0 && atBoundary(e, b) ? e : -1;
  }

  /** {@code H:mm[:ss[.fraction]][zone]}; seconds required when {@code withSeconds}. */
  private int time(int i, int b, boolean withSeconds) {
    int h = fixedDigits(i, b, 1, 2);
    if (h < 0 || h >= b || s.charAt(h) != ':') {
      return -1;
    }
    int e = fixedDigits(h + 1, b, 2, 2);
    if (e < 0) {
      return -1;
    }
    if (e < b && s.charAt(e) == ':') {
      int seconds = fixedDigits(e + 1, b, 2, 2);
      if (seconds > 0) {
        e = seconds;
        if (e + 1 < b && (s.charAt(e) == '.' || s.charAt(e) == ',') && isDigit(s.charAt(e + 1))) {
          e = digitsEnd(e + 1, b);
        }
      } else if (withSeconds) {
        return -1;
      }
    } else if (withSeconds) {
      return -1;
    }
    if (e < b && s.charAt(e) == 'Z') {
      return e + 1;
    }
    int zone = zone(e, b);
    return zone > 0 ? zone : e;
  }

  /** {@code +0200}, {@code -07:00}, {@code +02}. */
  private int zone(int i, int b) {
    if (i >= b || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
      return -1;
    }
    int e = fixedDigits(i + 1, b, 2, 4);
    if (e < 0 || e - i - 1 == 3) {
      return -1;
    }
    if (e - i - 1 == 2 && e + 2 < b && s.charAt(e) == ':') {
      int minutes = fixedDigits(e + 1, b, 2, 2);
      return minutes > 0 ? minutes : e;
    }
    return e;
  }

  private int monthName(int i, int b) {
    return i + 3 <= b && isOneOf(i, i + 3, MONTHS, true) ? i + 3 : -1;
  }

  /** {@code 30000ms}, {@code 1.5s}, {@code 1h30m}, {@code PT30S}. */
  private int duration(int i, int b) {
    char c = s.charAt(i);
    if (c == 'P') {
      return isoDuration(i, b);
    }
    if (!isDigit(c)) {
      return -1;
    }
    int j = i;
    int parts = 0;
    while (j < b && isDigit(s.charAt(j)) && parts < MAX_DURATION_PARTS) {
      j = digitsEnd(j, b);
      if (j + 1 < b && s.charAt(j) == '.' && isDigit(s.charAt(j + 1))) {
        j = digitsEnd(j + 1, b);
      }
      int u = j;
      while (u < b && u - j < 8 && isUnitChar(s.charAt(u))) {
        u++;
      }
      if (!isOneOf(j, u, GLUED_UNITS, u - j > 1)) {
        return -1;
      }
      j = u;
      parts++;
    }
    return atBoundary(j, b) ? j : -1;
  }

  /** ISO-8601 durations: {@code P1D}, {@code PT30S}, {@code P1DT2H0.5S}. */
  private int isoDuration(int i, int b) {
    int j = i + 1;
    int parts = 0;
    boolean timePart = false;
    while (j < b) {
      char c = s.charAt(j);
      if (c == 'T' && !timePart) {
        timePart = true;
        j++;
        continue;
      }
      if (!isDigit(c)) {
        break;
      }
      j = digitsEnd(j, b);
      if (timePart && j + 1 < b && s.charAt(j) == '.' && isDigit(s.charAt(j + 1))) {
        j = digitsEnd(j + 1, b);
      }
      if (j >= b) {
        return -1;
      }
      char unit = s.charAt(j);
      boolean valid =
          timePart ? unit == 'H' || unit == 'M' || unit == 'S' : "YMWD".indexOf(unit) >= 0;
      if (!valid) {
        return -1;
      }
      j++;
      parts++;
    }
    return parts > 0 && atBoundary(j, b) ? j : -1;
  }

  /** {@code 0x1f}, or a run of at least 8 hex characters with a digit and a letter. */
  private int hex(int i, int b) {
    if (s.charAt(i) == '0'
        && i + 2 < b
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && isHexDigit(s.charAt(i + 2))) {
      int j = i + 2;
      while (j < b && isHexDigit(s.charAt(j))) {
        j++;
      }
      return j;
    }
    boolean digit = false;
    boolean letter = false;
    int j = i;
    while (j < b && Character.isLetterOrDigit(s.charAt(j))) {
      char c = s.charAt(j);
      if (isDigit(c)) {
        digit = true;
      } else if (isHexDigit(c)) {
        letter = true;
      } else {
        return -1;
      }
      j++;
    }
    // Six characters with a digit and a letter (a short commit or an identity hash), or eight without a
    // digit (ffffffff, deadbeef): no word of that many letters is spelled with a to f only.
    return (j - i >= 6 && digit && letter) || (j - i >= 8 && !digit) ? j : -1;
  }

  /**
   * A JSON Web Token: {@code eyJ} (the base64url of <code>{"</code>) and at least two more dot-separated
   * base64url parts. When none starts here, none starts before the end of this run either.
   */
  private int jwt(int i, int b) {
    if (i + 3 > b || s.charAt(i) != 'e' || s.charAt(i + 1) != 'y' || s.charAt(i + 2) != 'J') {
      return -1;
    }
    int dots = 0;
    int j = i + 3;
    while (j < b) {
      char c = s.charAt(j);
      if (c == '.') {
        dots++;
      } else if (!isBase64UrlChar(c)) {
        break;
      }
      j++;
    }
    if (dots >= 2 && atBoundary(j, b) && s.charAt(j - 1) != '.') {
      return j;
    }
    noJwtUntil = j;
    return -1;
  }

  /**
   * A whole word of standard base64: at least 16 characters of {@code A-Za-z0-9+/} with upper case, lower
   * case and a digit, and a {@code +} or {@code =} padding, which no name or path has.
   */
  private boolean base64(int a, int b) {
    int end = b;
    while (end > a && b - end < 2 && s.charAt(end - 1) == '=') {
      end--;
    }
    if (end - a < MIN_BASE64) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean plus = false;
    for (int k = a; k < end; k++) {
      char c = s.charAt(k);
      if (isDigit(c)) {
        digit = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c == '+') {
        plus = true;
      } else if (c != '/') {
        return false;
      }
    }
    return upper && lower && digit && (plus || end < b);
  }

  /** Six pairs of hex digits joined by {@code :} or {@code -}: {@code 00:1a:2b:3c:4d:5e}. */
  private int mac(int i, int b) {
    int e = i + 17;
    if (e > b) {
      return -1;
    }
    char separator = s.charAt(i + 2);
    if (separator != ':' && separator != '-') {
      return -1;
    }
    for (int k = 0; k < 17; k++) {
      char c = s.charAt(i + k);
      if (k % 3 == 2 ? c != separator : !isHexDigit(c)) {
        return -1;
      }
    }
    return atBoundary(e, b) && (e >= b || s.charAt(e) != separator) ? e : -1;
  }

  /**
   * A run of ASCII letters and digits that is an opaque value, in one scan; sets {@link #opaque}:
   *
   * <ul>
   *   <li>{@code <id>}: at least 6 characters with 2 or more separate digit groups and a letter, a random
   *       token or a generated name ({@code 75DGDAM1}, {@code 4Hq2ZzL1x9});
   *   <li>{@code <token>}: a random token ({@code sigxtPYxcPvCMdv}, the {@code NffrFeUfNV2Hib} of
   *       {@code cus_NffrFeUfNV2Hib}): at least 12 characters, or 10 after an id prefix of 2 to 8
   *       lower-case letters and {@code _} or {@code -} ({@code cus_}, {@code evt_}, {@code sk-},
   *       {@code ghp_}), with a lower-case letter and an upper-case one after the first character, whose
   *       letters do not read as the words of a name. Split at its case changes ({@code getHTTPResponse}:
   *       get, HTTP, Response), a name has few odd spots: a part of one or two letters after the first
   *       part, a run of digits, a letter pair from {@link #RARE_PAIRS} inside a part (acronyms such as
   *       {@code HTTP} count for nothing). A token has at least one odd spot per 4 characters, per 5
   *       after an id prefix. Measured: 11 of the JDK's 115,000 names pass ({@code icSigAToB0Tag},
   *       {@code getC14nBytes}); random runs of letters and digits end up one placeholder 95 times in 100
   *       at 12 characters, 97 at 16, 99 at 20 or more, so now and then a short random token still splits
   *       its group.
   * </ul>
   */
  private int opaqueRun(int i, int a, int b) {
    int groups = 0;
    boolean lower = false;
    boolean upper = false;
    boolean upperAfterFirst = false;
    int j = i;
    while (j < b && Character.isLetterOrDigit(s.charAt(j))) {
      char c = s.charAt(j);
      if (isDigit(c)) {
        if (j == i || !isDigit(s.charAt(j - 1))) {
          groups++;
        }
      } else if (isLower(c)) {
        lower = true;
      } else if (isUpper(c)) {
        upper = true;
        upperAfterFirst |= j > i;
      } else {
        return -1;
      }
      j++;
    }
    int length = j - i;
    if (length >= 6 && groups >= 2 && (lower || upper)) {
      opaque = ID;
      return j;
    }
    if (!lower || !upperAfterFirst) {
      return -1;
    }
    boolean prefixed = afterIdPrefix(i, a);
    if (length < (prefixed ? MIN_PREFIXED_RUN : MIN_RANDOM_RUN)
        || oddSpots(i, j) * (prefixed ? 5 : 4) < length) {
      return -1;
    }
    opaque = TOKEN;
    return j;
  }

  /** Whether 2 to 8 lower-case letters and a {@code _} or {@code -} precede {@code i} from a part start. */
  private boolean afterIdPrefix(int i, int a) {
    int k = i - 1;
    if (k <= a || (s.charAt(k) != '_' && s.charAt(k) != '-')) {
      return false;
    }
    int start = k;
    while (start > a && k - start <= MAX_ID_PREFIX && isLower(s.charAt(start - 1))) {
      start--;
    }
    int letters = k - start;
    return letters >= 2
        && letters <= MAX_ID_PREFIX
        && (start == a || !Character.isLetterOrDigit(s.charAt(start - 1)));
  }

  /** The odd spots of a run of ASCII letters and digits (see {@link #opaqueRun}). */
  private int oddSpots(int i, int j) {
    int odd = 0;
    boolean first = true;
    int k = i;
    while (k < j) {
      if (isDigit(s.charAt(k))) {
        k = digitsEnd(k, j);
        odd++;
        first = false;
        continue;
      }
      int start = k;
      if (isUpper(s.charAt(k))) {
        int u = k;
        while (u < j && isUpper(s.charAt(u))) {
          u++;
        }
        boolean wordFollows = u < j && isLower(s.charAt(u));
        if (u - k >= 2 && !wordFollows) {
          // An acronym: HTTP, SSL.
          k = u;
          first = false;
          continue;
        }
        // Capitals before a capitalised word are an acronym (HTTPResponse); the last one starts the word.
        // A lone capital before one (the P of PYxc) is a one-letter part.
        start = wordFollows ? u - 1 : k;
        if (start - k == 1 && !first) {
          odd++;
        }
        if (start > k) {
          first = false;
        }
        k = start + 1;
      }
      while (k < j && isLower(s.charAt(k))) {
        k++;
      }
      if (k - start <= 2 && !first) {
        odd++;
      }
      for (int p = start; p + 1 < k; p++) {
        if (RARE_PAIRS[pairIndex(s.charAt(p), s.charAt(p + 1))]) {
          odd++;
        }
      }
      first = false;
    }
    return odd;
  }

  private static int pairIndex(char first, char second) {
    return (Character.toLowerCase(first) - 'a') * 26 + (Character.toLowerCase(second) - 'a');
  }

  private static boolean[] pairs(String list) {
    boolean[] table = new boolean[26 * 26];
    for (String pair : list.split(" ")) {
      table[pairIndex(pair.charAt(0), pair.charAt(1))] = true;
    }
    return table;
  }

  /** {@code [+-]digits[.digits…][e[+-]digits]}; sets {@link #dotted}. */
  private int number(int i, int b) {
    int j = i;
    char c = s.charAt(j);
    if ((c == '-' || c == '+') && j + 1 < b && isDigit(s.charAt(j + 1))) {
      j++;
    }
    if (!isDigit(s.charAt(j))) {
      return -1;
    }
    j = digitsEnd(j, b);
    dotted = false;
    while (j + 1 < b && s.charAt(j) == '.' && isDigit(s.charAt(j + 1))) {
      dotted = true;
      j = digitsEnd(j + 1, b);
    }
    if (j + 1 < b && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
      int k = j + 1;
      if (k + 1 < b && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
        k++;
      }
      if (isDigit(s.charAt(k))) {
        int e = digitsEnd(k, b);
        if (atBoundary(e, b)) {
          dotted = true;
          j = e;
        }
      }
    }
    return j;
  }

  // ---------------------------------------------------------------- output and characters

  /** Appends a placeholder, folding a list of the same placeholder ({@code <int>, <int>}) into one. */
  private void placeholder(String placeholder) {
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    int comma = end - 1;
    int start = comma - placeholder.length();
    if (start >= 0 && out.charAt(comma) == ',' && endsWith(start, placeholder)) {
      out.setLength(comma);
      return;
    }
    out.append(placeholder);
  }

  private boolean endsWith(int start, String placeholder) {
    for (int k = 0; k < placeholder.length(); k++) {
      if (out.charAt(start + k) != placeholder.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean isOneOf(int a, int b, String[] words, boolean ignoreCase) {
    int length = b - a;
    for (String word : words) {
      if (word.length() == length && s.regionMatches(ignoreCase, a, word, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private boolean atBoundary(int i, int b) {
    return i >= b || !Character.isLetterOrDigit(s.charAt(i));
  }

  private boolean allDigits(int a, int b) {
    for (int i = a; i < b; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private int digitsEnd(int i, int b) {
    while (i < b && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of {@code min..max} digits from {@code i}, or -1 when fewer, or more, digits follow. */
  private int fixedDigits(int i, int b, int min, int max) {
    int e = digitsEnd(i, Math.min(b, i + max));
    if (e - i < min || (e < b && isDigit(s.charAt(e)))) {
      return -1;
    }
    return e;
  }

  private static boolean isSpace(char c) {
    if (c < 128) {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isComparison(char c) {
    return c == '<' || c == '>' || c == '~' || c == '\u2248' || c == '\u2264' || c == '\u2265';
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"' || c == '`';
  }

  private static int quoteKind(char quote) {
    return quote == '\'' ? 0 : quote == '"' ? 1 : 2;
  }

  private static boolean isOpener(char c) {
    return c == '(' || c == '[' || c == '{' || c == '<' || isQuote(c);
  }

  private static boolean isCloser(char c) {
    return c == ')' || c == ']' || c == '}' || c == '>' || c == ',' || c == ';' || c == ':' || c == '.'
        || c == '!' || c == '?' || isQuote(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isBase64UrlChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-' || c == '_';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isKeyChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static boolean isValueDelimiter(char c) {
    return c == ',' || c == ';' || c == '&';
  }

  private static boolean isEmailLocalChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isHostChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-';
  }

  private static boolean isDateSeparator(char c) {
    return c == '-' || c == '/' || c == '.';
  }

  private static boolean isUnitChar(char c) {
    return isAsciiLetter(c) || c == '\u00b5' || c == '\u03bc';
  }
}
